namespace ShuangSuiJi.Core.Kinds;

/// <summary>The four check methods (检查方式).</summary>
public enum CheckMethod
{
    /// <summary>现场检查.</summary>
    OnSite = 1,
    /// <summary>书面检查.</summary>
    Documentary = 2,
    /// <summary>网络检查 (online monitoring).</summary>
    Online = 3,
    /// <summary>委托专业机构核查.</summary>
    ProfessionalBody = 4,
}
