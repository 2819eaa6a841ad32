using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;
using StackFsck.Plugin.Nova;

namespace StackFsck.Checks.OpenStackStuck;

/// <summary>
/// A service database a central check reads besides nova_api (Cinder, Neutron, Glance...): its
/// own prefixed connection options, whose unset values are nova_api's, and a --no-SERVICE flag.
/// </summary>
internal sealed class ServiceDatabase(string service, string title, string purpose)
{
    private readonly DatabaseOptions _connection = new(service, $"the {title} database (unset values as the nova_api ones)", defaultDatabase: service);

    private readonly Option<bool> _skip = new($"--no-{service}") { Description = $"do not read the {title} database ({purpose})" };

    public IEnumerable<Option> Options => [_skip, .. _connection.Options];

    /// <summary>The settings to read it with, or null when --no-SERVICE leaves it out.</summary>
    public DatabaseSettings? Read(CheckContext context, DatabaseSettings api) =>
        context.Get(_skip) ? null : DatabaseLogin.Inherit(_connection.Read(context, $"{service} database"), api);
}
