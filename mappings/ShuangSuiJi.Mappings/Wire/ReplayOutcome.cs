namespace ShuangSuiJi.Mappings.Wire;

/// <summary>What the partner made of a replayed payload: one line per record or batch, and how many it refused.</summary>
public sealed record ReplayOutcome(IReadOnlyList<string> Lines, int Refused);
