namespace ShuangSuiJi.Mappings.Wire;

/// <summary>A wire payload rendered from canonical records, and the records that could not be rendered (by position, with the reason).</summary>
public sealed record RenderedWire(string Wire, IReadOnlyList<(int Index, string Reason)> Refusals);
