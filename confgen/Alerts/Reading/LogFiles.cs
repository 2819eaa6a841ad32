namespace StackFsck.Alerts.Reading;

/// <summary>
/// Where a Nagios log and its rotated forms live: the live log; Nagios' own archives (renamed,
/// <see cref="Archives"/>); logrotate's copies (copytruncate: <c>nagios.log.1</c>, <c>nagios.log-DATE</c>,
/// maybe <c>.gz</c>) beside the log or in logrotate's <c>olddir</c>; and a folder for scratch
/// files (a compressed copy is unpacked there to be read).
/// </summary>
public sealed record LogFiles(string Log, string ArchiveFolder, string? OldDir, string ScratchFolder)
{
    /// <summary>The folders searched for copies, for messages.</summary>
    public string CopyFolders => OldDir is null ? FolderOfLog : $"{FolderOfLog} and {OldDir}";

    private string FolderOfLog => Path.GetDirectoryName(Path.GetFullPath(Log)) ?? "/";

    /// <summary>Files named like a copy of the log (<c>NAME.*</c>, <c>NAME-*</c>), most recently written first.</summary>
    public IEnumerable<string> Copies()
    {
        string name = Path.GetFileName(Log);
        return new[] { FolderOfLog, OldDir }.OfType<string>().Where(Directory.Exists).Distinct()
            .SelectMany(folder => Directory.EnumerateFiles(folder, name + ".*").Concat(Directory.EnumerateFiles(folder, name + "-*")))
            .Where(path => !path.EndsWith(".tmp", StringComparison.Ordinal))
            .OrderByDescending(File.GetLastWriteTimeUtc);
    }
}
