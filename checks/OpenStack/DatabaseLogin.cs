using StackFsck.Plugin.Database;

namespace StackFsck.OpenStack;

/// <summary>
/// A check that reads several OpenStack databases takes one set of options per database; what a
/// set leaves unset comes from the main set, so databases on one server need naming only once.
/// </summary>
public static class DatabaseLogin
{
    public static DatabaseSettings Inherit(DatabaseSettings own, DatabaseSettings main) => own with
    {
        Host = own.Host ?? (own.Socket is null ? main.Host : null),
        Port = own.Port ?? (own.Host is null && own.Socket is null ? main.Port : null),
        Socket = own.Socket ?? (own.Host is null ? main.Socket : null),
        User = own.User ?? main.User,
        Password = own.Password ?? main.Password,
        DefaultsFile = own.DefaultsFile ?? main.DefaultsFile,
        DefaultsGroup = own.DefaultsGroup ?? main.DefaultsGroup,
        Tls = own.Tls == DatabaseTls.None ? main.Tls : own.Tls,
    };
}
