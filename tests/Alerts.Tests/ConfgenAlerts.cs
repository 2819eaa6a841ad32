namespace StackFsck.Alerts.Tests;

/// <summary>Runs <c>confgen alerts ...</c> as operators (and cron) do: a process, on the example inventory.</summary>
internal static class ConfgenAlerts
{
    public static string Inventory => Path.Combine(Repo.Root, "environments", "example");

    public static string Templates => Path.Combine(Repo.Root, "templates");

    public static CheckRun Run(params string[] args) =>
        Dist.RunProgram("dotnet", [Path.Combine(AppContext.BaseDirectory, "confgen.dll"), "alerts", .. args], new Dictionary<string, string?>());
}
