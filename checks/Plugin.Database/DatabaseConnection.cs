using System.Text;

namespace StackFsck.Plugin.Database;

/// <summary>
/// One read-only connection to a MySQL/MariaDB server through Connector/C. It runs only
/// SELECT/SHOW/WITH statements, streams rows (<c>mysql_use_result</c>: memory stays flat however
/// many rows), names every step as a deadline stage, bounds the library's own connect/read/write
/// timeouts by what is left of <c>-t</c>, and turns every server or network error into one
/// <see cref="CheckException"/> line (access denied, unknown database, missing table or column,
/// server gone away, cannot connect).
/// </summary>
/// <example>
/// <code>
/// private static readonly DatabaseOptions Keystone = new("", "the Keystone database", defaultDatabase: "keystone");
/// // Options = [.. Keystone.Options, ...]
///
/// using var db = DatabaseConnection.Open(context, Keystone.Read(context, "keystone database"));
/// long events = db.Single("SELECT COUNT(*) FROM revocation_event", "counting revocation events", row => row.Int64(0));
/// foreach (DatabaseRow row in db.Query("SELECT uuid, host FROM instances WHERE deleted = 0", "reading instances"))
/// {
///     string uuid = row.String(0)!;   // a row is valid only until the loop moves on
///     string? host = row.String(1);
/// }
/// // Several databases: one DatabaseOptions per database with a prefix ("neutron" gives --neutron-host ...),
/// // or a derived settings record: settings with { Database = "nova_cell1" }.
/// </code>
/// </example>
public sealed class DatabaseConnection : IDisposable
{
    private static readonly Lazy<bool> LibraryReady = new(InitLibrary, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly CheckContext _context;
    private IntPtr _mysql;

    private DatabaseConnection(CheckContext context, DatabaseSettings settings, IntPtr mysql)
    {
        _context = context;
        Settings = settings;
        _mysql = mysql;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>Connects within what is left of the deadline, or throws a one-line <see cref="CheckException"/>.</summary>
    public static DatabaseConnection Open(CheckContext context, DatabaseSettings settings)
    {
        _ = LibraryReady.Value;
        IntPtr mysql = MariaDbNative.Init(IntPtr.Zero);
        if (mysql == IntPtr.Zero)
        {
            throw new CheckException("out of memory setting up the MySQL client library");
        }

        var connection = new DatabaseConnection(context, settings, mysql);
        try
        {
            connection.Connect();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Streams the rows of a read-only statement. Each <see cref="DatabaseRow"/> is valid only
    /// until the enumeration moves on; leaving the loop early drains the rest of the result.
    /// </summary>
    /// <param name="what">What the statement does, for the timeout and error messages ("counting instances").</param>
    public IEnumerable<DatabaseRow> Query(string sql, string what)
    {
        IntPtr result = Execute(sql, what);
        try
        {
            var row = new DatabaseRow(result);
            while (Fetch(result, row, what))
            {
                yield return row;
            }
        }
        finally
        {
            MariaDbNative.FreeResult(result);
        }
    }

    /// <summary>Reads the first row of a statement (e.g. an aggregate) through <paramref name="read"/>; throws when there is none.</summary>
    public T Single<T>(string sql, string what, Func<DatabaseRow, T> read)
    {
        foreach (DatabaseRow row in Query(sql, what))
        {
            return read(row);
        }

        throw new CheckException($"no row while {what} on {Settings.Name} ({Settings.Where()})");
    }

    public void Dispose()
    {
        if (_mysql != IntPtr.Zero)
        {
            MariaDbNative.Close(_mysql);
            _mysql = IntPtr.Zero;
        }
    }

    private void Connect()
    {
        string where = Settings.Where();
        EnsureReadable(Settings.DefaultsFile);
        if (Settings.DefaultsFile is string optionFile)
        {
            SecretFiles.Inspect(optionFile, "option file", _context.Warn);
        }

        _context.Stage($"connecting to {Settings.Name} ({where})");
        DatabaseOptionSetter.Apply(_mysql, Settings, SecondsLeft());
        IntPtr connected = MariaDbNative.RealConnect(_mysql, Settings.Host, Settings.User, Settings.Password?.Reveal(),
            Settings.Database, (uint)(Settings.Port ?? 0), Settings.Socket, 0);
        if (connected == IntPtr.Zero)
        {
            throw DatabaseErrors.Describe(_mysql, Settings, "connecting");
        }

        // Connector/C 3.3 accepts a plain connection despite MYSQL_OPT_SSL_ENFORCE unless it also
        // verifies the certificate: check the outcome before any query goes out.
        if (Settings.Tls.Required && MariaDbNative.SslCipher(_mysql) == IntPtr.Zero)
        {
            throw new CheckException($"TLS to {Settings.Name} ({where}) was required (--ssl, or a TLS file given) but the server does not offer it");
        }

        _context.Log(1, $"connected to {Settings.Name} ({where})");
    }

    private IntPtr Execute(string sql, string what)
    {
        EnsureReadOnly(sql);
        _context.Stage($"{what} on {Settings.Name}");
        if (_context.Verbosity >= 3)
        {
            // Built only when shown: splitting every statement cost each run about 1 % of its CPU time.
            _context.Log(3, "sql: " + string.Join(' ', sql.Split('\n', StringSplitOptions.TrimEntries)));
        }

        byte[] text = Encoding.UTF8.GetBytes(sql);
        if (MariaDbNative.RealQuery(_mysql, text, (nuint)text.Length) != 0)
        {
            throw DatabaseErrors.Describe(_mysql, Settings, what);
        }

        IntPtr result = MariaDbNative.UseResult(_mysql);
        return result != IntPtr.Zero ? result : throw DatabaseErrors.Describe(_mysql, Settings, what);
    }

    private bool Fetch(IntPtr result, DatabaseRow row, string what)
    {
        IntPtr values = MariaDbNative.FetchRow(result);
        if (values != IntPtr.Zero)
        {
            row.Load(values, MariaDbNative.FetchLengths(result));
            return true;
        }

        // NULL is both "no more rows" and "the connection broke": only errno tells them apart.
        return MariaDbNative.Errno(_mysql) == 0 ? false : throw DatabaseErrors.Describe(_mysql, Settings, what);
    }

    /// <summary>
    /// Whole seconds left of -t (Connector/C's timeouts take whole seconds), plus one: the
    /// library's own timeouts are a backstop, so the deadline strikes first and names the stage.
    /// </summary>
    private uint SecondsLeft() => (uint)Math.Ceiling(_context.Deadline.Remaining.TotalSeconds) + 1;

    /// <summary>The layer reads: a statement that could change data is a bug in the check, not a user error.</summary>
    private static void EnsureReadOnly(string sql)
    {
        string first = sql.TrimStart().Split((char[]?)null, 2)[0].ToUpperInvariant();
        if (first is not ("SELECT" or "SHOW" or "WITH" or "(SELECT"))
        {
            throw new InvalidOperationException($"the database layer runs only SELECT, SHOW and WITH statements, not {first}");
        }
    }

    /// <summary>Connector/C skips an option file it cannot read and then fails with a puzzling login error.</summary>
    private static void EnsureReadable(string? optionFile)
    {
        try
        {
            if (optionFile is not null)
            {
                // A handle, not a FileStream: the same open(2) and errors without setting up a stream.
                using Microsoft.Win32.SafeHandles.SafeFileHandle _ = File.OpenHandle(optionFile);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CheckException($"cannot read option file {optionFile}: {error.Message}");
        }
    }

    private static bool InitLibrary()
    {
        try
        {
            // A refusal here shows again in Connector/C's own initialisation, which reports it.
            _ = MariaDbNative.InitOpenSsl(MariaDbNative.OpenSslWithoutCipherNames, IntPtr.Zero);
            return MariaDbNative.LibraryInit(0, IntPtr.Zero, IntPtr.Zero) == 0
                ? true
                : throw new CheckException("the MySQL client library libmariadb.so.3 failed to initialise");
        }
        catch (DllNotFoundException)
        {
            throw new CheckException("cannot load libmariadb.so.3, the MySQL client library: install the libmariadb3 package");
        }
    }
}
