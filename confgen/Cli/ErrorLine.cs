using System.Text;

namespace StackFsck.Confgen.Cli;

/// <summary>Errors go to standard error as one line: cron mails it, scripts read the exit code.</summary>
public static class ErrorLine
{
    /// <summary>The message with control characters (a newline in a quoted YAML value, say) written as escapes, so it stays one line.</summary>
    public static string Of(string message)
    {
        var line = new StringBuilder(message.Length);
        foreach (char c in message)
        {
            line.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c);
        }

        return line.ToString();
    }
}
