namespace StackFsck.Plugin.Database;

/// <summary>Turns a Connector/C error into the one line an operator can act on.</summary>
internal static class DatabaseErrors
{
    public static CheckException Describe(IntPtr mysql, DatabaseSettings settings, string what)
    {
        uint code = MariaDbNative.Errno(mysql);
        string server = MariaDbNative.ErrorText(mysql);
        string where = settings.Where();
        string name = settings.Name;
        string message = code switch
        {
            1045 => $"access denied to {name} ({where}): {server}; check the user and the password in the option file",
            1044 => $"access denied to {name} ({where}): {server}; the database does not exist or the user has no grant on it",
            1049 => $"unknown database '{settings.Database}' on {settings.Server()} ({name})",
            1146 => $"missing table while {what} on {name}: {server}; is this the right database and OpenStack release?",
            1054 => $"missing column while {what} on {name}: {server}; is this the right database and OpenStack release?",
            1142 or 1143 => $"the user lacks SELECT while {what} on {name}: {server}",
            2002 or 2003 or 2005 => $"cannot connect to {name} ({where}): {server}",
            2006 => $"{name} server has gone away while {what} ({where})",
            2013 => $"lost the connection to {name} while {what} ({where}): {server}",
            2026 => $"TLS to {name} failed ({where}): {server}",
            _ => $"{name} error {code} while {what} ({where}): {server}",
        };
        return new CheckException(message);
    }
}
