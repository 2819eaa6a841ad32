namespace StackFsck.Alerts.Counting;

/// <summary>
/// Which workaround an event handler run belongs to, from the handler's command name in the log
/// line: confgen names the handlers it renders <c>stackfsck_remedy_TRACKER_DIGEST</c> (DIGEST, 8
/// hex digits, tells apart handlers of one tracker id); a handler of another name is counted under
/// that name, so handlers that do not run through stackfsck-remedy are counted too.
/// </summary>
public static class HandlerCommands
{
    public const string RenderedPrefix = "stackfsck_remedy_";

    public static string TrackerOf(string command)
    {
        int digest = command.LastIndexOf('_');
        return command.StartsWith(RenderedPrefix, StringComparison.Ordinal) && digest > RenderedPrefix.Length && command.Length - digest == 9
            ? command[RenderedPrefix.Length..digest]
            : command;
    }

    /// <summary>The name confgen gives a rendered handler (the tracker id cleaned as a metric name part).</summary>
    public static string Name(string tracker, string digest) => RenderedPrefix + MetricNames.Part(tracker) + "_" + digest;
}
