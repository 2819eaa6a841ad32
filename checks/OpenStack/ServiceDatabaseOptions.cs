using StackFsck.Plugin;
using StackFsck.Plugin.Arguments;
using StackFsck.Plugin.Database;

namespace StackFsck.OpenStack;

/// <summary>
/// The options of one OpenStack service's database that a check reads beside nova_api, e.g.
/// <c>new ServiceDatabaseOptions("neutron", "Neutron", "do not look for orphan ports")</c>: <c>--neutron-host</c>,
/// <c>--neutron-defaults-file</c>... with the service's own database name as default. What they
/// leave unset comes from the main login, usually nova_api's (<see cref="DatabaseLogin"/>), so a cloud whose
/// databases share one server names it once. <c>--no-neutron</c> (<see cref="Skip"/>) turns the
/// database off; its help says what the check then leaves out, in the check's own words.
/// </summary>
/// <param name="inheritsFrom">whose values fill the unset ones, as --help words it.</param>
public sealed class ServiceDatabaseOptions(string service, string title, string skipDescription, string inheritsFrom = "the nova_api ones")
{
    private readonly DatabaseOptions _options = new(service, $"the {title} database (unset values as {inheritsFrom})", defaultDatabase: service);

    /// <summary><c>--no-SERVICE</c>: listed by the check where its --help shows it, beside its other flags.</summary>
    public Option<bool> Skip { get; } = new($"--no-{service}") { Description = skipDescription };

    public IEnumerable<Option> Options => _options.Options;

    /// <summary>
    /// The settings the command line gives for this database, completed from <paramref name="main"/>;
    /// null when <c>--no-SERVICE</c> says not to read it.
    /// </summary>
    public DatabaseSettings? Read(CheckContext context, DatabaseSettings main) =>
        context.Get(Skip) ? null : DatabaseLogin.Inherit(_options.Read(context, $"{service} database"), main);
}
