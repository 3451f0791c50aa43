namespace ShuangSuiJi.Exchange;

/// <summary>A partner's answer to a batch: how many it took and each refusal by position, to be kept and retried.</summary>
public sealed record BatchReceipt(int Accepted, IReadOnlyList<(int Index, string Reason)> Rejected);
