namespace StackFsck.Tests.FaultMatrix;

/// <summary>
/// A known password, handed over as each check reads it, never appears in the output, even at
/// -vvv and on failure; a file holding it that every user can read is still used, and named in
/// the long output with how to fix it.
/// </summary>
public sealed class SecretTests : IDisposable
{
    private readonly TempHome _home = new();

    [Fact]
    public void RabbitMq_credentials_refused_show_the_user_not_the_password_and_an_open_file_is_named()
    {
        string file = Exposed("rabbitmq.cred", $"username=monitor\npassword={Checks.Password}\n");
        using BrokenServer refusing = BrokenServer.Answer("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");

        CheckRun run = Dist.Run("check_rabbitmq_compute_queues",
            [.. Checks.PointedAt("check_rabbitmq_compute_queues", refusing.Port), "--credentials-file", file, "-vvv"], Checks.Environment(_home.Path));

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("COMPUTE_QUEUES UNKNOWN - RabbitMQ refused the credentials of user 'monitor' (HTTP 401)", run.FirstLine);
        Assert.Equal([$"warning: credentials file {file} is readable by every user (mode 0644): it holds a password (chmod o-rwx,g-w {file})"], run.LongOutput);
        Checks.AssertNoInternals(run, debugging: true);
    }

    [Fact]
    public void A_database_option_file_others_can_read_is_named_even_when_the_server_hangs()
    {
        string file = Exposed("keystone.cnf", $"[client]\nuser=monitor\npassword={Checks.Password}\n");
        using BrokenServer blackhole = BrokenServer.Blackhole();

        CheckRun run = Dist.Run("check_keystone_revocations",
            ["-H", "127.0.0.1", "-P", $"{blackhole.Port}", "-f", file, "-t", "1.5", "-vvv"], Checks.Environment(_home.Path));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("timed out after 1.5 s while connecting to ", run.FirstLine);
        Assert.Contains(run.LongOutput, line => line.StartsWith($"warning: option file {file} is readable by every user (mode 0644)", StringComparison.Ordinal));
        Checks.AssertNoInternals(run, debugging: true);
    }

    [Fact]
    public void An_option_file_only_its_owner_reads_raises_no_warning()
    {
        string file = Exposed("nova.cnf", $"[client]\nuser=monitor\npassword={Checks.Password}\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        CheckRun run = Dist.Run("check_openstack_orphans",
            ["-H", "127.0.0.1", "-P", $"{BrokenServer.ClosedPort()}", "-f", file, "-vvv"], Checks.Environment(_home.Path));

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("OPENSTACK_ORPHANS UNKNOWN - ", run.FirstLine);
        Assert.Empty(run.LongOutput);
        Checks.AssertNoInternals(run, debugging: true);
    }

    [Fact]
    public void A_clouds_yaml_others_can_read_is_named_and_its_password_never_shown()
    {
        using BrokenServer refusing = BrokenServer.Answer("HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        string config = Directory.CreateDirectory(Path.Combine(_home.Path, ".config", "openstack")).FullName;
        string clouds = Exposed(Path.Combine(config, "clouds.yaml"),
            $"clouds:\n  mon:\n    auth:\n      auth_url: http://127.0.0.1:{refusing.Port}/v3\n      username: monitor\n      project_name: admin\n      password: {Checks.Password}\n");

        CheckRun run = Dist.Run("check_keystone_token_latency", ["--os-cloud", "mon", "--no-token-cache", "-vvv"], Checks.Environment(_home.Path));

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("TOKEN_LATENCY UNKNOWN - Keystone refused the credentials of user monitor", run.FirstLine);
        Assert.Contains($"warning: clouds.yaml {clouds} is readable by every user (mode 0644): it holds a password (chmod o-rwx,g-w {clouds})", run.LongOutput);
        Checks.AssertNoInternals(run, debugging: true);
    }

    [Fact]
    public void An_unclosed_bracket_in_clouds_yaml_names_the_file_line_and_column()
    {
        string config = Directory.CreateDirectory(Path.Combine(_home.Path, ".config", "openstack")).FullName;
        string clouds = Path.Combine(config, "clouds.yaml");
        File.WriteAllText(clouds, "clouds:\n  mon:\n    auth:\n      auth_url: [http://127.0.0.1/v3\n      username: monitor\n");
        File.SetUnixFileMode(clouds, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        CheckRun run = Dist.Run("check_keystone_token_latency", ["--os-cloud", "mon"], Checks.Environment(_home.Path));

        Assert.Equal(3, run.ExitCode);
        Assert.Matches($@"^TOKEN_LATENCY UNKNOWN - malformed YAML in {System.Text.RegularExpressions.Regex.Escape(clouds)} at line \d+, column \d+: ", run.FirstLine);
        Assert.Single(run.Stdout.TrimEnd('\n').Split('\n'));
        Checks.AssertNoInternals(run);
    }

    public void Dispose() => _home.Dispose();

    /// <summary>Writes a file readable by every user (mode 0644), as a careless umask leaves it.</summary>
    private string Exposed(string name, string text)
    {
        string path = Path.IsPathRooted(name) ? name : Path.Combine(_home.Path, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return path;
    }
}
