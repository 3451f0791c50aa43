namespace ShuangSuiJi.Core.Kinds;

/// <summary>Entity type (企业类型) of a market entity, by its registration code.</summary>
public enum EntityType
{
    /// <summary>有限责任公司.</summary>
    LimitedLiabilityCompany = 1100,
    /// <summary>股份有限公司.</summary>
    JointStockCompany = 1200,
    /// <summary>非公司企业法人.</summary>
    NonCompanyEnterprise = 3100,
    /// <summary>个人独资企业.</summary>
    SoleProprietorship = 4100,
    /// <summary>合伙企业.</summary>
    Partnership = 4200,
    /// <summary>个体工商户.</summary>
    IndividualBusiness = 9100,
    /// <summary>农民专业合作社.</summary>
    FarmersCooperative = 9200,
}
