namespace ShuangSuiJi.Storage.Loading;

/// <summary>What a bulk load did.</summary>
/// <param name="Kind">The record type loaded.</param>
/// <param name="Rows">Rows inserted.</param>
/// <param name="Elapsed">Wall time.</param>
public sealed record LoadSummary(string Kind, long Rows, TimeSpan Elapsed)
{
    /// <summary>Rows per second; 0 when nothing took measurable time.</summary>
    public double RowsPerSecond => Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;
}
