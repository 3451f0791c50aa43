using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Adapters.NationalPlatform;

/// <summary>Connection to ZJ. Section <c>Partners:ZJ</c>.</summary>
public sealed class ZjOptions
{
    public const string SectionName = "Partners:ZJ";

    /// <summary>Base address ending in <c>/samr/dsj/v2/</c>.</summary>
    [Required(ErrorMessage = "Partners:ZJ:BaseUrl is required.")]
    public Uri? BaseUrl { get; set; }

    [Required(ErrorMessage = "Partners:ZJ:AppId is required.")]
    public string AppId { get; set; } = "";

    /// <summary>The HMAC-SHA256 secret; environment or user secrets only.</summary>
    [Required(ErrorMessage = "Partners:ZJ:Secret is required.")]
    public string Secret { get; set; } = "";

    /// <summary>The province's region code sent with every batch. <value>Default 360000.</value></summary>
    [Required(ErrorMessage = "Partners:ZJ:Province is required.")]
    public string Province { get; set; } = "360000";

    /// <summary>Requests per second the hub allows itself; ZJ refuses above 5. <value>Default 4.</value></summary>
    [Range(1, 5, ErrorMessage = "Partners:ZJ:RequestsPerSecond must be between 1 and 5 (ZJ's ceiling).")]
    public int RequestsPerSecond { get; set; } = 4;

    /// <summary>
    /// Seconds between ticket polls where the client waits for a ticket itself (<see cref="ZjClient.WaitAsync"/>: a batch
    /// replayed by hand). The hub's deliveries never wait: the batch ticket poll job follows their tickets.
    /// <value>Default 2.</value>
    /// </summary>
    [Range(0.05, 600, ErrorMessage = "Partners:ZJ:PollSeconds must be between 0.05 and 600.")]
    public double PollSeconds { get; set; } = 2;
}
