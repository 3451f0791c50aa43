namespace ShuangSuiJi.Storage.Evaluations;

/// <summary>
/// A one-time link (评价链接) an inspected enterprise follows, from the QR code left with a result, to rate the
/// inspection. The link's token names the result, a random nonce and the expiry, signed by the hub; only the nonce's
/// SHA-256 is kept, so the store alone cannot rebuild a usable link.
/// </summary>
public sealed class EvaluationLink
{
    /// <summary>Lower-case hex SHA-256 of the token's nonce; the key.</summary>
    public required string NonceHash { get; set; }

    /// <summary>The result's task number (first part of its key).</summary>
    public required string TaskNumber { get; set; }

    /// <summary>The result's target credit code (second part of its key).</summary>
    public required string TargetCreditCode { get; set; }

    /// <summary>The result's department code (third part of its key).</summary>
    public required string DepartmentCode { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The account that asked for the link.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>After this instant the link is refused as expired.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When an evaluation was submitted through this link (or another link for the same result); then the link is spent.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>The evaluation stored when the link was used.</summary>
    public string? EvaluationId { get; set; }
}
