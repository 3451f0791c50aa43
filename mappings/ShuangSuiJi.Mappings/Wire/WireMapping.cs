namespace ShuangSuiJi.Mappings.Wire;

/// <summary>
/// One partner kind in one direction, as <c>ssj map</c>, <c>ssj replay</c> and the golden tests see it. Inbound kinds
/// read the wire; outbound kinds render canonical JSON (<see cref="CanonicalJson"/>) to the wire and may be replayed.
/// An inbound kind may also render back (GS targets), for round trips.
/// </summary>
public sealed record WireMapping
{
    /// <summary>The partner's code: SUP, GS, FX, CF, ZJ.</summary>
    public required string Partner { get; init; }

    /// <summary>The kind, lower case and plural as the contract's resource (<c>results</c>, <c>targets</c>).</summary>
    public required string Kind { get; init; }

    public required WireDirection Direction { get; init; }

    /// <summary>The payload's file extension: <c>json</c>, <c>xml</c>, <c>csv</c>.</summary>
    public required string Extension { get; init; }

    /// <summary>Other names accepted for the kind (<c>target</c>, ZJ's <c>RESULT</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>One line for <c>--help</c> and listings: the resource and the canonical type.</summary>
    public required string Description { get; init; }

    /// <summary>Wire payload → canonical records (inbound kinds).</summary>
    public Func<byte[], WireContext, CancellationToken, Task<IReadOnlyList<MappedRecord>>>? ReadAsync { get; init; }

    /// <summary>Canonical JSON (an array of the kind's canonical type) → wire payload (outbound kinds; inbound kinds that render back).</summary>
    public Func<string, WireContext, RenderedWire>? Render { get; init; }

    /// <summary>How the payload reaches the partner (outbound kinds).</summary>
    public WireReplay? Replay { get; init; }

    /// <summary>The golden file name: <c>&lt;kind&gt;.&lt;in|out&gt;.&lt;ext&gt;</c>.</summary>
    public string FileName => $"{Kind}.{(Direction == WireDirection.In ? "in" : "out")}.{Extension}";

    public bool Names(string kind) =>
        string.Equals(kind, Kind, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(a, kind, StringComparison.OrdinalIgnoreCase));
}
