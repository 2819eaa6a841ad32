using StackFsck.Plugin.Arguments;

namespace StackFsck.Checks.KeystoneLatency;

/// <summary>
/// The openstack client's --os-* options for the password method. Each overrides the same key
/// of the chosen cloud. There is deliberately no --os-password: argv is visible in ps.
/// </summary>
internal static class AuthOptions
{
    public static readonly Option<string?> Cloud = new("--os-cloud")
    {
        Description = "cloud in clouds.yaml (else OS_CLOUD; else the OS_* environment variables)",
        HelpName = "NAME",
    };

    private static readonly (string Key, string Description)[] Keys =
    [
        ("auth_url", "Keystone URL, e.g. https://keystone.example:5000/v3"),
        ("username", "user name"),
        ("user_id", "user id"),
        ("user_domain_name", "user's domain name"),
        ("user_domain_id", "user's domain id"),
        ("project_name", "project to scope the token to"),
        ("project_id", "project id to scope the token to"),
        ("project_domain_name", "project's domain name"),
        ("project_domain_id", "project's domain id"),
        ("domain_name", "domain to scope the token to (without a project)"),
        ("domain_id", "domain id to scope the token to (without a project)"),
    ];

    private static readonly Option<string?>[] Overrides = Keys.Select(key => new Option<string?>("--os-" + key.Key.Replace('_', '-'))
    {
        Description = key.Description + $" (else {key.Key} of the cloud, or OS_{key.Key.ToUpperInvariant()})",
        HelpName = "VALUE",
    }).ToArray();

    public static IEnumerable<Option> All => [Cloud, .. Overrides];

    /// <summary>The options given on the command line, by their clouds.yaml key.</summary>
    public static Dictionary<string, string> Given(ParsedArguments args)
    {
        var given = new Dictionary<string, string>();
        for (int i = 0; i < Keys.Length; i++)
        {
            if (args.GetValue(Overrides[i]) is { Length: > 0 } value)
            {
                given[Keys[i].Key] = value;
            }
        }

        return given;
    }
}
