
namespace StackFsck.Confgen.Tests;

/// <summary>Runs confgen as operators do: a process, from the repository root (templates/ is found relative to it).</summary>
internal static class Confgen
{
    private static string Dll => Path.Combine(AppContext.BaseDirectory, "confgen.dll");

    public static string Templates => Path.Combine(Repo.Root, "templates");

    public static CheckRun Run(params string[] args) => Dist.RunProgram("dotnet", [Dll, .. args], new Dictionary<string, string?>());
}
