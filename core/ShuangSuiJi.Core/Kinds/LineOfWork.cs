namespace ShuangSuiJi.Core.Kinds;

/// <summary>Which line department (条线) a department belongs to.</summary>
public enum LineOfWork
{
    /// <summary>市场监督管理.</summary>
    MarketSupervision = 1,
    /// <summary>公安.</summary>
    PublicSecurity = 2,
    /// <summary>文化和旅游.</summary>
    CultureAndTourism = 3,
    /// <summary>应急管理.</summary>
    EmergencyManagement = 4,
    /// <summary>税务.</summary>
    Taxation = 5,
    /// <summary>住房和城乡建设.</summary>
    HousingAndConstruction = 6,
    /// <summary>民政.</summary>
    CivilAffairs = 7,
    /// <summary>气象.</summary>
    Meteorology = 8,
    /// <summary>卫生健康.</summary>
    HealthCommission = 9,
    /// <summary>Any other line department (其他).</summary>
    Other = 99,
}
