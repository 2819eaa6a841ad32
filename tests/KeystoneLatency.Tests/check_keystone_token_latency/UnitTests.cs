using StackFsck.Checks.KeystoneLatency;
using StackFsck.Checks.KeystoneLatency.Cloud;

namespace StackFsck.Tests.KeystoneLatency;

/// <summary>The check's small parts in-process: percentile maths, openstacksdk's settings rules, when a request is sent again.</summary>
public sealed class UnitTests
{
    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        double[] values = Enumerable.Range(1, 200).Select(i => (double)i).Reverse().ToArray();
        Percentiles figures = Percentiles.Of(values);

        Assert.Equal((200, 100, 190, 198, 200), (figures.Count, figures.P50, figures.P95, figures.P99, figures.Max));
        Assert.Equal(7, Percentiles.Of([7]).P99);
        Assert.Equal((2, 5, 5), (Percentiles.Of([5, 2]).Count, Percentiles.Of([5, 2]).P95, Percentiles.Of([5, 2])["max"]));
        Assert.True(double.IsNaN(Percentiles.Of([]).P50));
    }

    [Theory]
    [InlineData("http://k:5000", "http://k:5000/v3/")]
    [InlineData("http://k:5000/", "http://k:5000/v3/")]
    [InlineData("https://k/identity/v3/", "https://k/identity/v3/")]
    [InlineData("http://k:5000/v2.0", "http://k:5000/v3/")]
    public void Auth_urls_with_or_without_a_version_lead_to_v3(string authUrl, string root)
    {
        Assert.Equal(root, KeystoneCredentials.V3Root(authUrl).ToString());
    }

    [Fact]
    public void Environment_variables_form_the_envvars_cloud_with_legacy_names()
    {
        var environment = new ClientEnvironment(new Dictionary<string, string>
        {
            ["OS_AUTH_URL"] = "http://k:5000",
            ["OS_USERNAME"] = "u",
            ["OS_PASSWORD"] = "p",
            ["OS_TENANT_NAME"] = "t",
            ["OS_DEFAULT_DOMAIN"] = "d1",
            ["OS_CLIENT_CONFIG_FILE"] = "/nonexistent",
        }, "/nonexistent");

        KeystoneCredentials credentials = KeystoneCredentials.From(CloudSelection.Select(null, environment, new Dictionary<string, string>()));

        Assert.Equal(new Reference(null, "t", new Reference("d1", null)), credentials.Project);
        Assert.Equal(new Reference(null, "u", new Reference("d1", null)), credentials.User);
        Assert.Null(credentials.Domain);
        Assert.Equal("(secret)", credentials.Password.ToString());
    }

    [Fact]
    public void A_plain_domain_is_the_users_and_projects_domain_when_a_project_is_named()
    {
        KeystoneCredentials credentials = KeystoneCredentials.From(new Dictionary<string, string>
        {
            ["auth_url"] = "http://k",
            ["username"] = "u",
            ["password"] = "p",
            ["project_id"] = "abc",
            ["domain_name"] = "Ops",
            ["user_domain_id"] = "own",
            ["verify"] = "False",
        });

        Assert.Equal(new Reference("abc", null), credentials.Project);
        Assert.Equal(new Reference(null, "u", new Reference("own", null)), credentials.User);
        Assert.Null(credentials.Domain);
        Assert.True(credentials.Insecure);
    }

    [Fact]
    public void A_missing_password_names_where_to_put_it()
    {
        var error = Assert.Throws<StackFsck.Plugin.CheckException>(() => KeystoneCredentials.From(new Dictionary<string, string>
        {
            ["auth_url"] = "http://k",
            ["username"] = "u",
        }));

        Assert.Contains("no password for user u (domain default)", error.Message);
    }

    /// <summary>Only an idempotent, bodiless request that failed on a reused connection before its answer began is sent again.</summary>
    [Theory]
    [InlineData("GET", false, true, false, true)]
    [InlineData("HEAD", false, true, false, true)]
    [InlineData("GET", false, false, false, false)]
    [InlineData("GET", false, true, true, false)]
    [InlineData("POST", true, true, false, false)]
    [InlineData("DELETE", false, true, false, false)]
    public void Only_a_stale_kept_alive_connection_is_worth_a_second_try(string method, bool hasBody, bool reused, bool answerStarted, bool expected) =>
        Assert.Equal(expected, StackFsck.Plugin.Http.StaleConnection.WorthRetrying(method, hasBody, reused, answerStarted));
}
