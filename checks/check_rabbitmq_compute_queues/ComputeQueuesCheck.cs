using StackFsck.Plugin.Arguments;
using StackFsck.Plugin;
using StackFsck.Plugin.Http;

namespace StackFsck.Checks.RabbitMq;

/// <summary>
/// check_rabbitmq_compute_queues: are Nova's per-host compute queues draining? One stuck host
/// shows as a deep queue without consumers; a cloud that falls behind shows as growing queues.
/// </summary>
internal static class ComputeQueuesCheck
{
    private static readonly Option<string> Host = HttpOptions.Host("management API host", "127.0.0.1");

    private static readonly Option<int> Port = HttpOptions.Port("management API port", 15672);

    private static readonly Option<bool> Ssl = new("--ssl", "-S") { Description = "use https" };

    private static readonly Option<string> PathPrefix = new("--path-prefix")
    {
        Description = "management.path_prefix of the broker, e.g. /rabbitmq",
        DefaultValueFactory = () => "",
    };

    private static readonly Option<string> Vhost = new("--vhost")
    {
        Description = "virtual host Nova uses",
        DefaultValueFactory = () => "/",
    };

    private static readonly Option<string?> Username = new("--username", "-u")
    {
        Description = "API user (else from the credentials file or RABBITMQ_USERNAME)",
    };

    private static readonly Option<string?> CredentialsFile = new("--credentials-file")
    {
        Description = "file with username=... and password=... lines (else RABBITMQ_USERNAME/RABBITMQ_PASSWORD)",
        HelpName = "FILE",
    };

    private static readonly Option<TextPattern?> Include = RegexOption.Create("--queue", "regular expression selecting the queues", @"^compute\.");

    private static readonly Option<TextPattern?> Exclude = RegexOption.Create("--exclude", "regular expression of queues to leave out");

    // A queue a Nova service consumes from exists while the service runs (oslo.messaging declares it):
    // its absence names the service that is down, which a depth threshold cannot.
    private static readonly Option<string[]> Expect = RepeatedOption.Create("--expect", [], ExpectedQueue,
        "a queue that must exist, by exact name (repeatable): missing is CRITICAL, naming the Nova service that consumes it", "NAME");

    private static readonly Option<bool> AllowEmpty = new("--allow-empty")
    {
        Description = "OK when no queue matches (otherwise UNKNOWN, so a typo cannot read as OK)",
    };

    private static readonly Option<bool> PerQueue = new("--perfdata-per-queue")
    {
        Description = "add each matching queue's depth to the perfdata",
    };

    private static readonly Option<int> List = CommonOptions.List("how many of the deepest queues the long output names");

    private static readonly TlsOptions Tls = new();

    public static readonly CheckDefinition Definition = new()
    {
        Name = "check_rabbitmq_compute_queues",
        Service = "COMPUTE_QUEUES",
        Description = "Checks that Nova's compute queues in RabbitMQ drain: depth, queues without consumers, growing queues.",
        Options =
        [
            Host, Port, Ssl, PathPrefix, Vhost, Username, CredentialsFile, Include, Exclude, Expect, AllowEmpty, PerQueue, List,
            .. QueueReport.Options, .. Tls.Options,
        ],
        Execute = context => Task.FromResult(Run(context)),
    };

    private static Report Run(CheckContext context)
    {
        (string username, Secret password) = ReadCredentials(context);
        using var session = new HttpSession(ServerTrust.From(context, Tls), context.Deadline);
        var api = new ManagementApi(session, BaseUri(context), username, password);
        var survey = new QueueSurvey(context.Get(Include)!, context.Get(Exclude), context.Get(List), context.Get(PerQueue), context.Get(Expect));
        string vhost = context.Get(Vhost);
        api.ReadQueues(vhost, survey.Add, context);
        context.Log(1, $"{survey.Queues} queues matched in vhost '{vhost}'");
        return QueueReport.Build(survey, vhost, context.Get(Include)!.ToString(), context.Get(AllowEmpty), context);
    }

    private static string ExpectedQueue(string name) =>
        name.Length > 0 ? name : throw new FormatException("needs a queue name");

    private static Uri BaseUri(CheckContext context)
    {
        string prefix = context.Get(PathPrefix).Trim('/');
        var uri = new UriBuilder(context.Get(Ssl) ? "https" : "http", context.Get(Host), context.Get(Port))
        {
            Path = prefix.Length == 0 ? "/" : $"/{prefix}/",
        };
        return uri.Uri;
    }

    private static (string Username, Secret Password) ReadCredentials(CheckContext context)
    {
        string? path = context.Get(CredentialsFile);
        IReadOnlyDictionary<string, string> file = path is null ? new Dictionary<string, string>() : CredentialFile.Read(path, warn: context.Warn);
        string? username = context.Get(Username)
            ?? CredentialFile.Lookup(file, ["username", "user"], ["RABBITMQ_USERNAME", "RABBITMQ_USER"]);
        string? password = CredentialFile.Lookup(file, ["password"], ["RABBITMQ_PASSWORD"]);
        if (username is null || password is null)
        {
            throw new CheckException("no RabbitMQ credentials: give --credentials-file or set RABBITMQ_USERNAME and RABBITMQ_PASSWORD");
        }

        return (username, new Secret(password));
    }
}
