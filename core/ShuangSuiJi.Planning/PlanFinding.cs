namespace ShuangSuiJi.Planning;

/// <summary>Something the import noticed: where, the raw text, and what it did about it or why it refused.</summary>
/// <param name="Row">1-based row in the sheet.</param>
/// <param name="Column">The column's header (for example 抽查比例及频率).</param>
/// <param name="Text">The cell as written.</param>
/// <param name="Message">What was done, or why the cell or plan was refused.</param>
/// <param name="Refused">True when the plan could not be taken as written.</param>
public sealed record PlanFinding(int Row, string Column, string Text, string Message, bool Refused = false);
