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

/// <summary>
/// One timed validation; <paramref name="Problem"/> words an error. <paramref name="Retried"/>:
/// sent again after Keystone closed the kept-alive connection it first went out on (its time
/// covers both sends).
/// </summary>
internal sealed record Validation(Outcome Outcome, double Milliseconds, string? Problem = null, bool Retried = false)
{
    /// <summary>Keystone did the validation work, whatever its verdict: these times count in the percentiles.</summary>
    public bool Answered => Outcome is Outcome.Valid or Outcome.Rejected;

    public static Validation FromStatus(HttpStatusCode status, double milliseconds, bool retried) => status switch
    {
        HttpStatusCode.OK => new(Outcome.Valid, milliseconds, Retried: retried),
        HttpStatusCode.NotFound => new(Outcome.Rejected, milliseconds, Retried: retried),
        HttpStatusCode.Unauthorized => new(Outcome.Unauthorized, milliseconds, Retried: retried),
        _ => new(Outcome.Error, milliseconds, $"HTTP {(int)status} {status}", retried),
    };
}
