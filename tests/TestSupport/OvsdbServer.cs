using System.Diagnostics;
using System.Text.RegularExpressions;

namespace StackFsck.Tests;

/// <summary>
/// A private, real ovsdb-server (tests/services/ovsdb.sh installs it): a database file made by
/// <c>ovsdb-tool create</c> from Open vSwitch's schema, served on a unix socket of its own (and on a
/// loopback TCP port the kernel picks, when asked), without the kernel datapath. Rows are made with <c>ovs-vsctl
/// --no-wait</c> the way os-vif plugs a port.
/// </summary>
public sealed class OvsdbServer : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ovsdb");
    private readonly Process _server;

    /// <param name="tcp">also listen on 127.0.0.1 (ptcp), as a node does for a manager that reads it from elsewhere.</param>
    public OvsdbServer(bool tcp = false)
    {
        string db = Path.Combine(_dir.FullName, "conf.db");
        Run("ovsdb-tool", "create", db, Repo.Service("STACKFSCK_OVS_SCHEMA"));
        Socket = Path.Combine(_dir.FullName, "db.sock");
        var start = new ProcessStartInfo("ovsdb-server") { RedirectStandardError = true, RedirectStandardOutput = true };
        string log = Path.Combine(_dir.FullName, "ovsdb.log");
        foreach (string arg in (string[])[db, $"--remote=punix:{Socket}", $"--unixctl={Path.Combine(_dir.FullName, "ctl")}", "--no-chdir",
            $"--log-file={log}", .. tcp ? ["--remote=ptcp:0:127.0.0.1"] : Array.Empty<string>()])
        {
            start.ArgumentList.Add(arg);
        }

        _server = Process.Start(start)!;
        // ovsdb-server listens before it answers; init waits for the socket to take a transaction.
        for (int tries = 0; !File.Exists(Socket) && tries < 100; tries++)
        {
            Thread.Sleep(50);
        }

        Vsctl("init");
        TcpRemote = tcp ? $"tcp:127.0.0.1:{ListeningPort(log)}" : null;
    }

    /// <summary>The socket's path; <c>unix:PATH</c> is what --ovsdb and ovs-vsctl --db take.</summary>
    public string Socket { get; }

    public string Remote => "unix:" + Socket;

    /// <summary><c>tcp:127.0.0.1:PORT</c> when the server listens on TCP too.</summary>
    public string? TcpRemote { get; }

    /// <summary>Runs ovs-vsctl against this server without waiting for ovs-vswitchd (there is none).</summary>
    public string Vsctl(params string[] args) => Run("ovs-vsctl", [$"--db={Remote}", "--no-wait", .. args]);

    /// <summary>Plugs a tap into br-int as os-vif does for a Neutron port of an instance.</summary>
    public void Plug(string tap, Guid port, string mac, Guid instance) => Vsctl(
        "--may-exist", "add-br", "br-int", "--", "add-port", "br-int", tap, "--", "set", "Interface", tap,
        $"external_ids:iface-id={port}", "external_ids:iface-status=active", $"external_ids:attached-mac={mac}", $"external_ids:vm-uuid={instance}");

    public void Dispose()
    {
        if (!_server.HasExited)
        {
            _server.Kill();
            _server.WaitForExit();
        }

        _server.Dispose();
        _dir.Delete(recursive: true);
    }

    /// <summary>The port of ptcp:0, as ovsdb-server logs it ("0:127.0.0.1: listening on port 42953"): asking for port 0 leaves no race for a free one.</summary>
    private static int ListeningPort(string log)
    {
        Match listening = Regex.Match(File.ReadAllText(log), @"listening on port (\d+)");
        return listening.Success ? int.Parse(listening.Groups[1].Value) : throw new InvalidOperationException($"ovsdb-server logged no TCP port: {File.ReadAllText(log)}");
    }

    private static string Run(string program, params string[] args)
    {
        CheckRun run = Dist.RunProgram(program, args, new Dictionary<string, string?>());
        return run.ExitCode == 0 ? run.Stdout : throw new InvalidOperationException($"{program} {string.Join(' ', args)}: {run}");
    }
}
