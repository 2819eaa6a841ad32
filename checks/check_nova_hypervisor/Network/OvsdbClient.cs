using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using StackFsck.Plugin;
using StackFsck.Plugin.Http;

namespace StackFsck.Checks.NovaHypervisor.Network;

/// <summary>
/// Reads Open vSwitch's Interface table by speaking OVSDB's JSON-RPC (RFC 7047) on its socket,
/// <c>unix:PATH</c> or <c>tcp:HOST:PORT</c>: one <c>transact</c> with a <c>select</c> of the columns
/// the audit needs. Every connect, write and read waits at most the run's deadline.
/// </summary>
internal static class OvsdbClient
{
    /// <summary>Answers are at most this large (a hypervisor's interfaces take a few hundred KiB).</summary>
    private const int MaxAnswerBytes = 64 << 20;

    private static readonly byte[] Request = Encoding.UTF8.GetBytes(
        """{"method":"transact","params":["Open_vSwitch",{"op":"select","table":"Interface","where":[],"columns":["name","external_ids"]}],"id":1}""");

    public static List<OvsInterface> ReadInterfaces(string remote, Deadline deadline)
    {
        Stream stream;
        try
        {
            stream = Connect(remote, deadline);
        }
        catch (Exception error) when (error is IOException or SocketException)
        {
            throw new CheckException($"cannot reach OVSDB {remote}: {error.Message}");
        }

        using (stream)
        {
            try
            {
                stream.Write(Request);
                return Parse(ReadAnswer(stream, remote), remote);
            }
            catch (IOException error)
            {
                throw new CheckException($"cannot read OVSDB {remote}: {error.Message}");
            }
        }
    }

    private static Stream Connect(string remote, Deadline deadline)
    {
        if (remote.StartsWith("unix:", StringComparison.Ordinal))
        {
            return SocketConnect.OpenUnix(remote["unix:".Length..], deadline);
        }

        int colon = remote.LastIndexOf(':');
        if (!remote.StartsWith("tcp:", StringComparison.Ordinal) || colon <= 4 || !int.TryParse(remote[(colon + 1)..], out int port))
        {
            throw new CheckException($"--ovsdb {remote}: give unix:PATH or tcp:HOST:PORT");
        }

        return SocketConnect.Open(remote[4..colon].Trim('[', ']'), port, deadline);
    }

    /// <summary>Reads until one whole JSON value has arrived: OVSDB does not delimit its messages.</summary>
    private static byte[] ReadAnswer(Stream stream, string remote)
    {
        var answer = new MemoryStream();
        var end = new JsonEnd();
        byte[] buffer = new byte[65536];
        while (true)
        {
            int read = stream.Read(buffer);
            if (read == 0)
            {
                throw new CheckException($"OVSDB {remote} closed the connection before its answer ended");
            }

            answer.Write(buffer, 0, read);
            if (end.Scan(buffer.AsSpan(0, read)) is int at)
            {
                return answer.GetBuffer().AsSpan(0, (int)answer.Length - (read - at)).ToArray();
            }

            if (answer.Length > MaxAnswerBytes)
            {
                throw new CheckException($"the answer of OVSDB {remote} is too large (over {MaxAnswerBytes >> 20} MiB)");
            }
        }
    }

    private static List<OvsInterface> Parse(byte[] answer, string remote)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(answer);
            JsonElement root = document.RootElement;
            if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind != JsonValueKind.Null)
            {
                throw new CheckException($"OVSDB {remote} refused the query: {error}");
            }

            JsonElement select = root.GetProperty("result")[0];
            if (select.TryGetProperty("error", out JsonElement failed))
            {
                throw new CheckException($"OVSDB {remote} refused the query: {failed}");
            }

            return [.. select.GetProperty("rows").EnumerateArray().Select(Row)];
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new CheckException($"the answer of OVSDB {remote} is damaged ({error.Message})");
        }
    }

    private static OvsInterface Row(JsonElement row)
    {
        var ids = new Dictionary<string, string>();
        // <map> is ["map", [[key, value], ...]].
        foreach (JsonElement pair in row.GetProperty("external_ids")[1].EnumerateArray())
        {
            ids[pair[0].GetString()!] = pair[1].GetString()!;
        }

        return new OvsInterface(row.GetProperty("name").GetString()!, ids.GetValueOrDefault("iface-id"), ids.GetValueOrDefault("attached-mac"),
            ids.GetValueOrDefault("vm-uuid"), ids.GetValueOrDefault("iface-status"));
    }

    /// <summary>Finds where the first top-level JSON value ends, across reads: depth of brackets outside strings.</summary>
    private sealed class JsonEnd
    {
        private int _depth;
        private bool _inString;
        private bool _escaped;
        private bool _started;

        /// <summary>The index just past the value's end in <paramref name="bytes"/>, or null when it goes on.</summary>
        public int? Scan(ReadOnlySpan<byte> bytes)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                if (_inString)
                {
                    (_escaped, _inString) = _escaped ? (false, true) : (b == '\\', b != '"');
                    continue;
                }

                if (b == '"')
                {
                    _inString = true;
                }
                else if (b is (byte)'{' or (byte)'[')
                {
                    _depth++;
                    _started = true;
                }
                else if (b is (byte)'}' or (byte)']' && --_depth == 0 && _started)
                {
                    return i + 1;
                }
            }

            return null;
        }
    }
}
