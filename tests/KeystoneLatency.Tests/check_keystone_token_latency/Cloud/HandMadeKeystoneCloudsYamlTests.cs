namespace StackFsck.Tests.KeystoneLatency;

/// <summary>
/// The check authenticates like the openstack client: clouds.yaml and secure.yaml on the usual
/// path, OS_CLOUD, options. Against the hand-made Keystone, which shows the token request the
/// check sent (the scope asked for), where the real one only accepts or refuses it.
/// </summary>
public sealed class HandMadeKeystoneCloudsYamlTests : HandMadeKeystoneTest
{
    protected override CheckEnvironment CreateEnvironment(HandMadeKeystone keystone)
    {
        CheckEnvironment environment = CheckEnvironment.Empty();
        WriteCloudsYaml(environment.ConfigDir, keystone.Url);
        return environment;
    }

    private static void WriteCloudsYaml(string folder, string keystoneUrl)
    {
        File.WriteAllText(Path.Combine(folder, "clouds.yaml"), $"""
            clouds:
              monitoring:
                region_name: RegionOne
                auth:
                  auth_url: {keystoneUrl}
                  username: {HandMadeKeystone.User}
                  project_name: services
                  user_domain_name: Default
                  project_domain_id: default
              domain-scoped:
                auth:
                  auth_url: {keystoneUrl}/v3/
                  username: {HandMadeKeystone.User}
                  password: {HandMadeKeystone.Password}
                  domain_name: Ops
              other:
                auth_type: token
                auth:
                  auth_url: {keystoneUrl}
            """);
        File.WriteAllText(Path.Combine(folder, "secure.yaml"), $"""
            clouds:
              monitoring:
                auth:
                  password: {HandMadeKeystone.Password}
            """);
    }

    private string? Requested(string path) =>
        path.Split('.').Aggregate(Keystone.LastAuthRequest, (node, key) => node?[key])?.ToString();

    [Fact]
    public void A_cloud_from_clouds_yaml_with_its_password_in_secure_yaml()
    {
        CheckRun run = Check.Run("--os-cloud", "monitoring", "--no-token-cache");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("services", Requested("auth.scope.project.name"));
        Assert.Equal("default", Requested("auth.scope.project.domain.id"));
        Assert.Equal("Default", Requested("auth.identity.password.user.domain.name"));
    }

    [Fact]
    public void OS_CLOUD_selects_the_cloud_and_options_override_it()
    {
        Check.Variables["OS_CLOUD"] = "monitoring";
        CheckRun run = Check.Run("--os-project-name", "admin", "--no-token-cache");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("admin", Requested("auth.scope.project.name"));
    }

    [Fact]
    public void A_plain_domain_without_a_project_scopes_to_the_domain()
    {
        CheckRun run = Check.Run("--os-cloud", "domain-scoped", "--no-token-cache");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Ops", Requested("auth.scope.domain.name"));
        Assert.Null(Requested("auth.scope.project"));
        Assert.Equal("default", Requested("auth.identity.password.user.domain.id"));
    }

    [Fact]
    public void OS_CLIENT_CONFIG_FILE_comes_before_the_search_path()
    {
        string file = Path.Combine(Check.Home, "elsewhere.yaml");
        File.WriteAllText(file, $"clouds:\n  only-here:\n    auth:\n      auth_url: {Keystone.AuthUrl}\n      username: {HandMadeKeystone.User}\n      password: {HandMadeKeystone.Password}\n");
        Check.Variables["OS_CLIENT_CONFIG_FILE"] = file;
        CheckRun run = Check.Run("--os-cloud", "only-here", "--no-token-cache");

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Theory]
    [InlineData("missing", "UNKNOWN - no cloud named 'missing' in ")]
    [InlineData("other", "UNKNOWN - auth_type 'token' is not supported")]
    public void Clouds_the_check_cannot_use_are_unknown(string cloud, string expected)
    {
        CheckRun run = Check.Run("--os-cloud", cloud);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains(expected, run.FirstLine);
    }

    [Fact]
    public void Malformed_clouds_yaml_is_unknown_naming_the_file()
    {
        File.WriteAllText(Path.Combine(Check.ConfigDir, "clouds.yaml"), "clouds:\n  a: [unclosed\n");
        CheckRun run = Check.Run("--os-cloud", "a");

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("malformed YAML in " + Path.Combine(Check.ConfigDir, "clouds.yaml"), run.FirstLine);
    }
}
