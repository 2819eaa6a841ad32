using System.Globalization;

namespace StackFsck.Confgen.Nagios;

/// <summary>
/// Remediation bookkeeping carried by a service as custom variables: the tracker link of the bug
/// it works around (_WORKAROUND_URL), when the workaround should be gone (_WORKAROUND_EXPIRES,
/// YYYY-MM-DD) and whether the root cause is diagnosed (_ROOT_CAUSE_DIAGNOSED, 0 or 1).
/// </summary>
public static class WorkaroundVariables
{
    public const string UrlKey = "_WORKAROUND_URL";
    public const string ExpiresKey = "_WORKAROUND_EXPIRES";
    public const string DiagnosedKey = "_ROOT_CAUSE_DIAGNOSED";

    /// <summary>The service's own workaround variables, or null when it carries none; Check reports malformed ones.</summary>
    public static (string Url, DateOnly Expires, bool Diagnosed)? Read(NagiosObject service) =>
        service.Get(UrlKey) is { } url && Date(service.Get(ExpiresKey)) is { } expires
            ? (url, expires, service.Get(DiagnosedKey) == "1")
            : null;

    public static void Check(NagiosObject item, List<string> errors)
    {
        bool any = item.Get(UrlKey) is not null || item.Get(ExpiresKey) is not null || item.Get(DiagnosedKey) is not null;
        if (!any)
        {
            return;
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
