using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;

namespace StackFsck.OpenStack;

/// <summary>
/// The options of one OpenStack service's database that a check reads beside nova_api, e.g.
/// <c>new ServiceDatabaseOptions("neutron", "Neutron")</c>: <c>--neutron-host</c>,
/// <c>--neutron-defaults-file</c>... with the service's own database name as default. What they
/// leave unset comes from the nova_api login (<see cref="DatabaseLogin"/>), so a cloud whose
/// databases share one server names it once.
/// </summary>
public sealed class ServiceDatabaseOptions(string service, string title)
{
    private readonly DatabaseOptions _options = new(service, $"the {title} database (unset values as the nova_api ones)", defaultDatabase: service);

    public IEnumerable<Option> Options => _options.Options;

    /// <summary>The settings the command line gives for this database, completed from <paramref name="main"/>.</summary>
    public DatabaseSettings Read(CheckContext context, DatabaseSettings main) =>
        DatabaseLogin.Inherit(_options.Read(context, $"{service} database"), main);
}
