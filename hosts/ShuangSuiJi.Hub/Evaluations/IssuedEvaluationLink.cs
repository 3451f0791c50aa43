namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>A link just issued: its absolute address and expiry.</summary>
internal sealed record IssuedEvaluationLink(Uri Url, DateTimeOffset ExpiresAt);
