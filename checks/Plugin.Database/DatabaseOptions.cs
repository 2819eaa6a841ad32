using StackFsck.Plugin.Arguments;

namespace StackFsck.Plugin.Database;

/// <summary>
/// The command-line options that say how to reach one database: host, port or socket, user,
/// option file and group (so no password is ever in argv), database, TLS.
/// A check that reads several databases makes one set per database with a prefix, e.g.
/// <c>new DatabaseOptions("neutron", "the Neutron database")</c> gives <c>--neutron-host</c>,
/// <c>--neutron-defaults-group</c> and so on; the unprefixed set also has check_mysql's short
/// names (<c>-H -P -s -u -d -f -g</c>). A check that reads several databases of one server
/// passes <c>withDatabase: false</c> and defines its own <c>--database</c>.
/// </summary>
public sealed class DatabaseOptions
{
    private readonly string _prefix;
    private readonly string _subject;
    private readonly bool _withDatabase;

    public DatabaseOptions(string prefix = "", string subject = "the database", string? defaultDatabase = null, bool withDatabase = true)
    {
        _prefix = prefix;
        _subject = subject;
        _withDatabase = withDatabase;
        Host = Make<string?>("host", "-H", "server host name or address (else from the option file; localhost uses the socket)", "HOST");
        Port = Make<int?>("port", "-P", ValueParsers.WithRange("server TCP port (3306 if neither this nor the option file sets one)", 1, 65535), "PORT");
        Port.Parser = text => ValueParsers.Integer(text, 1, 65535);
        Socket = Make<string?>("socket", "-s", "unix socket of a local server", "PATH");
        User = Make<string?>("user", "-u", "user name (else from the option file)", "USER");
        Database = Make<string?>("database", "-d", "database name", "NAME");
        if (defaultDatabase is not null)
        {
            Database.DefaultValueFactory = () => defaultDatabase;
        }

        DefaultsFile = Make<string?>("defaults-file", "-f", "option file to read ([client] and the group below), e.g. /etc/nagios/mysql.cnf; it holds the password", "FILE");
        DefaultsGroup = Make<string?>("defaults-group", "-g", "option file group to read besides [client], e.g. keystone", "GROUP");
        Ssl = Make<bool>("ssl", null, "require TLS to the server", null);
        SslCa = Make<string?>("ssl-ca", null, "PEM file of the CA that signed the server certificate (implies --ssl)", "FILE");
        SslCert = Make<string?>("ssl-cert", null, "client certificate (PEM; implies --ssl)", "FILE");
        SslKey = Make<string?>("ssl-key", null, "client certificate's key (PEM; implies --ssl)", "FILE");
        SslVerify = Make<bool>("ssl-verify-server-cert", null, "check that the server certificate names the host", null);
    }

    public Option<string?> Host { get; }
    public Option<int?> Port { get; }
    public Option<string?> Socket { get; }
    public Option<string?> User { get; }
    public Option<string?> Database { get; }
    public Option<string?> DefaultsFile { get; }
    public Option<string?> DefaultsGroup { get; }
    public Option<bool> Ssl { get; }
    public Option<string?> SslCa { get; }
    public Option<string?> SslCert { get; }
    public Option<string?> SslKey { get; }
    public Option<bool> SslVerify { get; }

    public IEnumerable<Option> Options =>
        [Host, Port, Socket, User, .. _withDatabase ? [Database] : Array.Empty<Option>(), DefaultsFile, DefaultsGroup, Ssl, SslCa, SslCert, SslKey, SslVerify];

    /// <summary>The settings the command line gives; <paramref name="name"/> is how messages call this database.</summary>
    public DatabaseSettings Read(CheckContext context, string name) => new()
    {
        Name = name,
        Host = context.Get(Host),
        Port = context.Get(Port),
        Socket = context.Get(Socket),
        User = context.Get(User),
        Database = _withDatabase ? context.Get(Database) : null,
        DefaultsFile = context.Get(DefaultsFile),
        DefaultsGroup = context.Get(DefaultsGroup),
        Tls = ReadTls(context),
    };

    /// <summary>
    /// A CA, certificate or key file implies --ssl, as the mysql client's --ssl-ca does: whoever
    /// names one wants TLS, and Connector/C would otherwise fall back to plain text in silence.
    /// </summary>
    private DatabaseTls ReadTls(CheckContext context)
    {
        (string? ca, string? cert, string? key) = (context.Get(SslCa), context.Get(SslCert), context.Get(SslKey));
        bool required = context.Get(Ssl) || ca is not null || cert is not null || key is not null;
        return new DatabaseTls(required, ca, cert, key, context.Get(SslVerify));
    }

    private Option<T> Make<T>(string stem, string? shortName, string description, string? helpName)
    {
        bool main = _prefix.Length == 0;
        string name = main ? $"--{stem}" : $"--{_prefix}-{stem}";
        var option = main && shortName is not null ? new Option<T>(name, shortName) : new Option<T>(name);
        option.Description = $"{_subject}: {description}";
        option.HelpName = helpName;
        return option;
    }
}
