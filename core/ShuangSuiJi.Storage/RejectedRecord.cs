namespace ShuangSuiJi.Storage;

/// <summary>
/// A record the hub refused, kept whole with every reason: nothing a partner sends is silently dropped.
/// An administrator can read, correct and resubmit it.
/// </summary>
public sealed class RejectedRecord
{
    public long Id { get; set; }

    /// <summary>The canonical kind it was meant to become, for example <c>Target</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>Its natural key as far as it could be read; empty when none could.</summary>
    public string Key { get; set; } = "";

    public required string Partner { get; set; }

    public required string Exchange { get; set; }

    public required DateTimeOffset ReceivedAt { get; set; }

    /// <summary>Where in the source it was: page, line, row or index.</summary>
    public string Location { get; set; } = "";

    /// <summary>Every reason, one per line, each as <c>Field: reason</c>.</summary>
    public required string Errors { get; set; }

    /// <summary>The payload as received (or its canonical rendering when the source is not text).</summary>
    public required string Payload { get; set; }
}
