using ShuangSuiJi.Mappings.CreditPublicity;
using ShuangSuiJi.Mappings.NationalPlatform;
using ShuangSuiJi.Mappings.PenaltyCases;
using ShuangSuiJi.Mappings.RiskClassification;
using ShuangSuiJi.Mappings.Supervision;

namespace ShuangSuiJi.Mappings.Wire;

/// <summary>
/// Every partner kind <c>ssj map</c> and <c>ssj replay</c> know, and the golden tests cover. Each partner lists its
/// own beside its register (<c>SupervisionWireMappings</c> …); a new partner adds its list here.
/// </summary>
public static class WireMappings
{
    public static readonly IReadOnlyList<WireMapping> All =
    [
        .. SupervisionWireMappings.All,
        .. CreditPublicityWireMappings.All,
        .. RiskClassificationWireMappings.All,
        .. PenaltyCasesWireMappings.All,
        .. NationalPlatformWireMappings.All,
    ];

    /// <summary>The mapping of <paramref name="partner"/>'s <paramref name="kind"/> (or one of its aliases) in <paramref name="direction"/>, if any.</summary>
    public static WireMapping? Find(string partner, string kind, WireDirection direction) =>
        All.FirstOrDefault(m => m.Direction == direction && string.Equals(m.Partner, partner, StringComparison.OrdinalIgnoreCase) && m.Names(kind));

    /// <summary>A mapping of <paramref name="partner"/>'s <paramref name="kind"/> that renders canonical JSON to the wire: the outbound one, else an inbound one that renders back.</summary>
    public static WireMapping? FindRenderer(string partner, string kind) =>
        Find(partner, kind, WireDirection.Out) ?? (Find(partner, kind, WireDirection.In) is { Render: not null } back ? back : null);

    /// <summary>"SUP/results (in, out), …" for messages naming what exists.</summary>
    public static string Listing(Func<WireMapping, bool> which) =>
        string.Join(", ", All.Where(which).Select(m => $"{m.Partner}/{m.Kind}").Distinct());
}
