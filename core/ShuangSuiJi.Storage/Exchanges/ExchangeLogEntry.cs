namespace ShuangSuiJi.Storage.Exchanges;

/// <summary>Which way an exchange went.</summary>
public enum ExchangeDirection
{
    /// <summary>A pull: partner → hub.</summary>
    Inbound,

    /// <summary>A delivery: hub → partner.</summary>
    Outbound,
}

/// <summary>
/// The exchange log, like an integration engine's transaction log: every inbound pull and outbound delivery attempt,
/// with the last request and response (ID and phone numbers masked), outcome, duration and record counts.
/// </summary>
public sealed class ExchangeLogEntry
{
    public long Id { get; set; }

    public required string Partner { get; set; }

    /// <summary>The canonical kind or event, for example <c>Target</c> or <c>result.recorded</c>.</summary>
    public required string Kind { get; set; }

    public required ExchangeDirection Direction { get; set; }

    /// <summary>The pull resource (<c>GS/targets</c>) or the route's name.</summary>
    public required string Operation { get; set; }

    /// <summary>Ties the entry to its delivery or pull run.</summary>
    public required string CorrelationId { get; set; }

    /// <summary><c>ok</c>, <c>partial</c> or <c>failed</c>.</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    public required DateTimeOffset StartedAt { get; set; }

    public int DurationMs { get; set; }

    public int Accepted { get; set; }

    public int Rejected { get; set; }

    /// <summary>The watermark a pull started from (to replay it), or the idempotency key of a delivery.</summary>
    public string? Reference { get; set; }

    public string? Request { get; set; }

    public string? Response { get; set; }

    public string? Error { get; set; }
}
