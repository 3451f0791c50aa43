namespace ShuangSuiJi.Exchange;

/// <summary>A partner refused or failed an operation; carries the partner's own code and message.</summary>
public sealed class PartnerException(string partner, string operation, string partnerCode, string partnerMessage, bool retryable = false, Exception? inner = null)
    : Exception($"{partner} {operation} failed: {partnerCode} {partnerMessage}", inner)
{
    public string Partner { get; } = partner;

    public string Operation { get; } = operation;

    public string PartnerCode { get; } = partnerCode;

    public string PartnerMessage { get; } = partnerMessage;

    /// <summary>Whether trying again later may succeed (busy, maintenance), as the partner's contract says.</summary>
    public bool Retryable { get; } = retryable;
}
