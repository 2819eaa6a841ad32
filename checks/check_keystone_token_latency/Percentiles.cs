namespace StackFsck.Checks.KeystoneLatency;

/// <summary>
/// Latency percentiles by the nearest-rank method: the p-th percentile of n sorted values is the
/// value at rank ceil(p/100 * n), so every figure reported is a latency actually observed.
/// </summary>
internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Percentiles(sorted.Length, Rank(sorted, 50), Rank(sorted, 95), Rank(sorted, 99), sorted[^1]);
    }

    /// <summary>The figure named p50, p95, p99 or max.</summary>
    public double this[string name] => name switch
    {
        "p50" => P50,
        "p95" => P95,
        "p99" => P99,
        "max" => Max,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a reported percentile"),
    };

    public static double Rank(IReadOnlyList<double> sorted, double percent)
    {
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }
}
