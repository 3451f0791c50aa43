using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>Evaluation links (评价链接) handed to inspected enterprises. Section <c>Security</c>.</summary>
public sealed class EvaluationLinkOptions
{
    public const string SectionName = "Security";

    /// <summary>Smallest key accepted, in bytes.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>
    /// The HMAC key that signs evaluation links, base64, at least 32 bytes. Hub instances sharing a store must share
    /// it. <value>Default unset: a random key is generated once into <c>Storage:DataDirectory</c>
    /// (<c>evaluation-link.key</c>) and read from there after, which suits the embedded single-instance default.</value>
    /// </summary>
    public string? EvaluationLinkKey { get; set; }

    /// <summary>Days a link stays valid after it is issued. <value>Default 30.</value></summary>
    [Range(1, 366, ErrorMessage = "Security:EvaluationLinkDays must be between 1 and 366.")]
    public int EvaluationLinkDays { get; set; } = 30;
}
