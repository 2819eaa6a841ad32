using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace StackFsck.Tests;

/// <summary>
/// Debian's placement-api (placement-common, Zed) under uWSGI with <c>--http-socket</c> on a free
/// loopback port, serving one test's placement database. It runs with placement's noauth2
/// strategy (the token <c>admin:admin</c> is the admin user), so a test seeds providers,
/// inventories and allocations through the real API, and <c>nova-manage placement audit</c>
/// reaches it with keystoneauth's admin_token plugin.
/// </summary>
public sealed class PlacementApi : IDisposable
{
    private const string Token = "admin:admin";
    private readonly Process _uwsgi;
    private readonly string _dir = Directory.CreateTempSubdirectory("placement-api").FullName;
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(60) };

    public PlacementApi(ScratchDatabase database)
    {
        File.WriteAllText(Path.Combine(_dir, "placement.conf"),
            $"[placement_database]\nconnection = {ServiceTools.Url(database)}\n[api]\nauth_strategy = noauth2\n");
        Url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("uwsgi")
        {
            ArgumentList =
            {
                "--plugin", "python3", "--http-socket", Url["http://".Length..], "--wsgi-file", "/usr/bin/placement-api",
                "--processes", "1", "--threads", "2", "--logto", Path.Combine(_dir, "uwsgi.log"),
            },
            Environment = { ["OS_PLACEMENT_CONFIG_DIR"] = _dir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _uwsgi = Process.Start(start)!;
        WaitUntilServing();
    }

    /// <summary>http://127.0.0.1:PORT, the API's root.</summary>
    public string Url { get; }

    /// <summary>The [placement] section nova-manage needs to reach this API.</summary>
    public string NovaSection => $"[placement]\nauth_type = admin_token\nendpoint = {Url}\ntoken = {Token}\n";

    public void CreateResourceClass(string name) => Send(HttpMethod.Put, $"/resource_classes/{name}", null);

    /// <summary>A root provider (a compute node's, when <paramref name="uuid"/> is one) with the given inventory.</summary>
    public void CreateProvider(Guid uuid, string name, params (string Class, int Total)[] inventory)
    {
        Send(HttpMethod.Post, "/resource_providers", new JsonObject { ["uuid"] = uuid.ToString(), ["name"] = name });
        var inventories = new JsonObject();
        foreach ((string resourceClass, int total) in inventory)
        {
            inventories[resourceClass] = new JsonObject { ["total"] = total };
        }

        Send(HttpMethod.Put, $"/resource_providers/{uuid}/inventories", new JsonObject { ["resource_provider_generation"] = 0, ["inventories"] = inventories });
    }

    /// <summary>Sets a consumer's allocations, as the scheduler claims them: on each provider, resource class and amount.</summary>
    public void Allocate(Guid consumer, params (Guid Provider, (string Class, int Used)[] Resources)[] allocations)
    {
        var body = new JsonObject();
        foreach ((Guid provider, (string Class, int Used)[] resources) in allocations)
        {
            var amounts = new JsonObject();
            foreach ((string resourceClass, int used) in resources)
            {
                amounts[resourceClass] = used;
            }

            body[provider.ToString()] = new JsonObject { ["resources"] = amounts };
        }

        Send(HttpMethod.Put, $"/allocations/{consumer}",
            new JsonObject { ["allocations"] = body, ["project_id"] = "p1", ["user_id"] = "u1", ["consumer_generation"] = null });
    }

    public void Dispose()
    {
        if (!_uwsgi.HasExited)
        {
            _uwsgi.Kill(entireProcessTree: true);
            _uwsgi.WaitForExit();
        }

        _uwsgi.Dispose();
        _client.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// Sends one request with curl: .NET's HttpClient saw connection resets from uWSGI's
    /// --http-socket (which closes after each answer) on requests the server had answered.
    /// </summary>
    private void Send(HttpMethod method, string path, JsonObject? body)
    {
        var curl = new ProcessStartInfo("curl")
        {
            ArgumentList =
            {
                "-sS", "-X", method.Method, "-H", $"X-Auth-Token: {Token}", "-H", "OpenStack-API-Version: placement 1.28",
                "-H", "Content-Type: application/json", "--data-binary", body?.ToJsonString() ?? "", "-w", "\n%{http_code}", Url + path,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(curl)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string status = output[(output.LastIndexOf('\n') + 1)..];
        if (process.ExitCode != 0 || !status.StartsWith('2'))
        {
            throw new InvalidOperationException($"placement {method} {path}: {output} {process.StandardError.ReadToEnd()}");
        }
    }

    private void WaitUntilServing()
    {
        for (int attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                using HttpResponseMessage response = _client.GetAsync(Url + "/").Result;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (AggregateException)
            {
            }

            if (_uwsgi.HasExited)
            {
                break;
            }

            Thread.Sleep(250);
        }

        string log = Path.Combine(_dir, "uwsgi.log");
        throw new InvalidOperationException($"placement-api did not start: {(File.Exists(log) ? File.ReadAllText(log) : "no log")}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
