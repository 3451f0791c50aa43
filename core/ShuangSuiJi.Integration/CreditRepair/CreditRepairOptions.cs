using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Integration.CreditRepair;

/// <summary>Credit repair (信用修复): when a publicised result may stop being publicised. Section <c>CreditRepair</c>.</summary>
public sealed class CreditRepairOptions
{
    public const string SectionName = "CreditRepair";

    /// <summary>
    /// Days a result stays publicised before the enterprise may have it withdrawn, counted in calendar days from the
    /// date publicity began (China calendar).
    /// </summary>
    /// <value>
    /// 90 (three months): the shortest period after which the market-supervision publicity rules let publicised
    /// information of the mildest kind stop being shown early; an inspection result is no graver than that. A province
    /// whose rule is longer sets its own figure; 0 turns the check off. Range 0–3,650.
    /// </value>
    [Range(0, 3650)]
    public int MinimumPublicityDays { get; set; } = 90;
}
