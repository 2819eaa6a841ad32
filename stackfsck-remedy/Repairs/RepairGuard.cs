namespace StackFsck.Remedy.Repairs;

/// <summary>
/// Where every guarded repair may stop after printing its plan: a plan bigger than <c>--max</c> is
/// refused whole (a cloud-wide mistake in the database must not become a cloud-wide repair), and
/// without <c>--apply</c> the plan is all there is.
/// </summary>
internal static class RepairGuard
{
    /// <param name="items">what the plan holds, plural ("directories").</param>
    /// <param name="verb">what acting does, past participle ("moved").</param>
    /// <param name="apply">what --apply does, for the dry run's last line ("log them out").</param>
    /// <returns>the exit code when the run stops here, or null when it goes on to act.</returns>
    public static int? Stop(int planned, RepairSettings repair, string items, string verb, TextWriter stdout, TextWriter stderr, string apply = "act")
    {
        if (planned > repair.Max)
        {
            stderr.WriteLine($"{RemedyCli.Program}: refused: {planned} {items} is more than --max {repair.Max}; nothing was {verb}");
            return RemedyExit.Refused;
        }

        if (!repair.Apply)
        {
            stdout.WriteLine($"dry run: nothing was {verb}; add --apply to {apply}");
            return RemedyExit.Done;
        }

        return null;
    }
}
