using System.Diagnostics;

namespace StackFsck.Tests;

/// <summary>The <c>mariadb</c> command-line client, logged in as root through the admin option file tests/run exports: how tests set up databases and rows.</summary>
public static class MariaDbClient
{
    /// <summary>Feeds <paramref name="sql"/> to the client on standard input and returns what it prints; a failure throws with the client's message.</summary>
    public static string Run(IEnumerable<string> args, string sql)
    {
        var start = new ProcessStartInfo("mariadb") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add($"--defaults-file={Repo.Service("STACKFSCK_MYSQL_ADMIN_CNF")}");
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(sql);
        process.StandardInput.Close();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"mariadb failed: {error.Result}");
    }
}
