using System.Text;
using Microsoft.Win32.SafeHandles;

namespace StackFsck.Plugin;

/// <summary>
/// Standard output and error as plain file streams on descriptors 1 and 2. Console's own streams
/// set up terminal handling at their first write (a signal-handling thread and a pipe, so child
/// processes find the terminal as they expect): a check starts no child and reads no key, and
/// that thread is a measurable part of a run that lasts milliseconds.
/// </summary>
internal static class StandardStreams
{
    public static TextWriter Output => Open(1);

    public static TextWriter Error => Open(2);

    /// <summary>
    /// A writer on the descriptor. A wrapper may close a descriptor it does not read (&gt;&amp;-):
    /// .NET then refuses to open it, and the check must still run and exit with its state instead
    /// of aborting with a stack trace, so that stream goes nowhere.
    /// </summary>
    private static TextWriter Open(int descriptor)
    {
        try
        {
            var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return TextWriter.Null;
        }
    }
}
