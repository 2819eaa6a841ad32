using System.Net;

namespace StackFsck.Checks.KeystoneLatency;

/// <summary>How one validation ended.</summary>
internal enum Outcome
{
    /// <summary>200: the subject token is valid.</summary>
    Valid,

    /// <summary>404: Keystone answered that the subject token is invalid or revoked.</summary>
    Rejected,

    /// <summary>401: Keystone refused the checker's own token.</summary>
    Unauthorized,

    /// <summary>Any other status, or no answer at all (connection reset, refused).</summary>
    Error,
}

/// <summary>One timed validation; <paramref name="Problem"/> words an error.</summary>
internal sealed record Validation(Outcome Outcome, double Milliseconds, string? Problem = null)
{
    /// <summary>Keystone did the validation work, whatever its verdict: these times count in the percentiles.</summary>
    public bool Answered => Outcome is Outcome.Valid or Outcome.Rejected;

    public static Validation FromStatus(HttpStatusCode status, double milliseconds) => status switch
    {
        HttpStatusCode.OK => new(Outcome.Valid, milliseconds),
        HttpStatusCode.NotFound => new(Outcome.Rejected, milliseconds),
        HttpStatusCode.Unauthorized => new(Outcome.Unauthorized, milliseconds),
        _ => new(Outcome.Error, milliseconds, $"HTTP {(int)status} {status}"),
    };
}
