using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace StackFsck.Plugin.Database;

/// <summary>
/// The current row of a streamed result, read straight from Connector/C's buffers (text
/// protocol: every value is its decimal or textual form, NULL a null pointer). Numbers parse
/// without allocating, so reading 100,000 rows allocates only the strings asked for.
/// </summary>
public sealed unsafe class DatabaseRow
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd"];
    private IntPtr _values;
    private IntPtr _lengths;

    internal DatabaseRow(IntPtr result)
    {
        FieldCount = (int)MariaDbNative.NumFields(result);
    }

    public int FieldCount { get; }

    public bool IsNull(int field) => Pointer(field) == IntPtr.Zero;

    public string? String(int field) => IsNull(field) ? null : Encoding.UTF8.GetString(Bytes(field));

    /// <summary>An integer column (or COUNT/SUM); NULL reads as 0, which is what an empty SUM means.</summary>
    public long Int64(int field) => NullableInt64(field) ?? 0;

    public long? NullableInt64(int field)
    {
        if (IsNull(field))
        {
            return null;
        }

        ReadOnlySpan<byte> text = Bytes(field);
        if (Utf8Parser.TryParse(text, out long value, out int used) && used == text.Length)
        {
            return value;
        }

        // DECIMAL results (SUM of integers) may carry a fraction part: ".0000".
        return (long)Math.Round(Double(field) ?? 0);
    }

    public double? Double(int field)
    {
        if (IsNull(field))
        {
            return null;
        }

        ReadOnlySpan<byte> text = Bytes(field);
        return Utf8Parser.TryParse(text, out double value, out int used) && used == text.Length
            ? value
            : throw new FormatException($"column {field + 1} holds '{Encoding.UTF8.GetString(text)}', not a number");
    }

    /// <summary>A DATETIME, TIMESTAMP or DATE column as UTC (OpenStack stores naive UTC); null for NULL or a zero date.</summary>
    public DateTime? DateTime(int field)
    {
        string? text = String(field);
        if (text is null || text.StartsWith("0000-00-00", StringComparison.Ordinal))
        {
            return null;
        }

        return System.DateTime.ParseExact(text, DateTimeFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    internal void Load(IntPtr values, IntPtr lengths)
    {
        _values = values;
        _lengths = lengths;
    }

    private IntPtr Pointer(int field)
    {
        if ((uint)field >= (uint)FieldCount)
        {
            throw new ArgumentOutOfRangeException(nameof(field), $"the row has {FieldCount} columns");
        }

        return Marshal.ReadIntPtr(_values, field * IntPtr.Size);
    }

    private ReadOnlySpan<byte> Bytes(int field)
    {
        // mysql_fetch_lengths returns unsigned long[]: 8 bytes each on 64-bit Linux.
        int length = checked((int)Marshal.ReadInt64(_lengths, field * sizeof(long)));
        return new ReadOnlySpan<byte>((void*)Pointer(field), length);
    }
}
