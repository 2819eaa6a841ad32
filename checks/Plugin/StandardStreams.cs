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
    public static TextWriter Output => Open(1) ?? Console.Out;

    public static TextWriter Error => Open(2) ?? Console.Error;

    /// <summary>A writer on the descriptor, or null when it is not open (then Console copes as it can).</summary>
    private static StreamWriter? Open(int descriptor)
    {
        try
        {
            var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
