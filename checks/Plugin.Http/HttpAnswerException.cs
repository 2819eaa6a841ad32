namespace StackFsck.Plugin.Http;

/// <summary>What is wrong with an answer, which decides how it is worded for the operator.</summary>
public enum HttpAnswerFault
{
    /// <summary>No HTTP answer at all: closed before a byte, or a status line that is not HTTP.</summary>
    NotHttp,

    /// <summary>Framing that does not add up: a bad length or chunk size, a malformed header line.</summary>
    Damaged,

    /// <summary>The connection ended (or broke) before the answer's end.</summary>
    BrokeOff,

    /// <summary>Headers or body over the limits the client reads.</summary>
    TooLarge,
}

/// <summary>
/// The one error the HTTP answer parser throws, whatever the bytes it was given: a fault and a
/// short reason. <see cref="Describe"/> words it as the sentence the operator reads.
/// </summary>
public sealed class HttpAnswerException(HttpAnswerFault fault, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public HttpAnswerFault Fault { get; } = fault;

    public string Describe(string where) => Fault switch
    {
        HttpAnswerFault.NotHttp => $"cannot reach {where}: {Message}",
        HttpAnswerFault.Damaged => $"the answer from {where} is damaged ({Message})",
        HttpAnswerFault.BrokeOff => $"the answer from {where} broke off before its end ({Message})",
        _ => $"the answer from {where} is too large ({Message})",
    };
}
