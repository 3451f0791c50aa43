using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Hub;

/// <summary>The hub host's own settings. Section <c>Hub</c>.</summary>
public sealed class HubOptions
{
    public const string SectionName = "Hub";

    /// <summary>Load a generated province when the store is empty at start. <value>Default <see langword="true"/>.</value></summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>Targets in the generated province. <value>Default 20,000.</value></summary>
    [Range(100, 10_000_000, ErrorMessage = "Hub:SeedTargets must be between 100 and 10,000,000.")]
    public long SeedTargets { get; set; } = 20_000;

    /// <summary>Generator seed. <value>Default 20250101.</value></summary>
    public ulong Seed { get; set; } = 20250101;

    /// <summary>Folder of the rolling log files (one per day, kept 14 days). <value>Default <c>logs</c>.</value></summary>
    [Required(ErrorMessage = "Hub:LogDirectory is required.")]
    public string LogDirectory { get; set; } = "logs";

    /// <summary>
    /// Folder of the data-protection key ring that signs session cookies. Hub instances behind one load balancer
    /// must share it (a network folder) so that a session opened on one is valid on the others. <value>Default
    /// unset: ASP.NET Core's per-user folder, shared by the instances of one user on one machine.</value>
    /// </summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// The hub's address as enterprises reach it (<c>https://…/</c>): the base of the evaluation links in QR codes.
    /// <value>Default unset: the address the administrator's request came in on, which suits a LAN test only.</value>
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
