namespace StackFsck.Plugin.Http;

/// <summary>
/// When a failed request is worth one more try. A server may close a kept-alive connection right
/// after a complete answer without saying so (uWSGI's <c>--http-socket</c>, as Debian serves
/// Keystone, does after every answer), and one may close a connection left idle (uWSGI after its
/// socket timeout, 4 s by default); a client that sends on such a connection in that moment gets
/// a reset or an end before any byte of its own answer. That is no fault of the server, and
/// robust clients (browsers, curl, Python's urllib3) send an idempotent request again on a new
/// connection. Any other failure is real: a connection opened for the request that fails, an
/// answer that breaks off after it began, a request with a body.
/// </summary>
public static class StaleConnection
{
    /// <param name="reused">The request went out on a connection that had carried an earlier answer.</param>
    /// <param name="answerStarted">Any byte of this request's answer arrived.</param>
    public static bool WorthRetrying(string method, bool hasBody, bool reused, bool answerStarted) =>
        method is "GET" or "HEAD" && !hasBody && reused && !answerStarted;
}
