using System.Globalization;

namespace StackFsck.Confgen.Nagios;

/// <summary>
/// Remediation bookkeeping carried by a service as custom variables: the tracker link of the bug
/// it works around (_WORKAROUND_URL), when the workaround should be gone (_WORKAROUND_EXPIRES,
/// YYYY-MM-DD) and whether the root cause is diagnosed (_ROOT_CAUSE_DIAGNOSED, 0 or 1); and, for
/// a workaround that runs, the commands of its event handler (_WORKAROUND_DIAGNOSE and
/// _WORKAROUND_REMEDY, see <see cref="EventHandlers"/>).
/// </summary>
public static class WorkaroundVariables
{
    public const string UrlKey = "_WORKAROUND_URL";
    public const string ExpiresKey = "_WORKAROUND_EXPIRES";
    public const string DiagnosedKey = "_ROOT_CAUSE_DIAGNOSED";
    public const string DiagnoseKey = "_WORKAROUND_DIAGNOSE";
    public const string RemedyKey = "_WORKAROUND_REMEDY";

    /// <summary>The service's own workaround variables, or null when it carries none; Check reports malformed ones.</summary>
    public static (string Url, DateOnly Expires, bool Diagnosed)? Read(NagiosObject service) =>
        service.Get(UrlKey) is { } url && Date(service.Get(ExpiresKey)) is { } expires
            ? (url, expires, service.Get(DiagnosedKey) == "1")
            : null;

    public static void Check(NagiosObject item, List<string> errors)
    {
        bool runs = item.Get(DiagnoseKey) is not null || item.Get(RemedyKey) is not null;
        bool any = runs || item.Get(UrlKey) is not null || item.Get(ExpiresKey) is not null || item.Get(DiagnosedKey) is not null;
        if (!any)
        {
            return;
        }

        if (runs && (item.Get(DiagnoseKey) is null || item.Get(RemedyKey) is null))
        {
            errors.Add($"{item.Where}: a workaround that runs needs both {DiagnoseKey} (diagnostics, always first) and {RemedyKey}");
        }

        if (item.Get(UrlKey) is null)
        {
            errors.Add($"{item.Where}: a workaround needs {UrlKey} (the tracker link of the bug it works around)");
        }

        if (Date(item.Get(ExpiresKey)) is null)
        {
            errors.Add($"{item.Where}: {ExpiresKey} must be a date YYYY-MM-DD, not '{item.Get(ExpiresKey)}'");
        }

        if (item.Get(DiagnosedKey) is not ("0" or "1"))
        {
            errors.Add($"{item.Where}: {DiagnosedKey} must be 0 or 1, not '{item.Get(DiagnosedKey)}'");
        }
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) ? date : null;
}
