namespace ShuangSuiJi.Core.Kinds;

/// <summary>Administrative level of a department (部门层级).</summary>
public enum DepartmentLevel
{
    /// <summary>省级.</summary>
    Province = 1,
    /// <summary>市级.</summary>
    City = 2,
    /// <summary>县级 (county, district, county-level city).</summary>
    County = 3,
    /// <summary>乡镇 (township; market supervision keeps stations, 市场监管所, here).</summary>
    Township = 4,
}
