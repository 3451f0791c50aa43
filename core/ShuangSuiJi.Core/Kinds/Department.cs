namespace ShuangSuiJi.Core.Kinds;

/// <summary>A department (部门). Natural key: <see cref="Code"/>.</summary>
public sealed record Department : ICanonicalRecord
{
    /// <summary>Department code, the canonical key (for example <c>360103-SCJG</c>).</summary>
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>Parent department code; <see langword="null"/> for a province-level department.</summary>
    public string? ParentCode { get; init; }

    /// <summary>The department's own unified social credit code (starts with 11), when known.</summary>
    public string? CreditCode { get; init; }

    /// <summary>Region code, 6 digits (GB/T 2260).</summary>
    public required string RegionCode { get; init; }

    public required DepartmentLevel Level { get; init; }

    public required LineOfWork LineOfWork { get; init; }

    /// <summary><see langword="false"/> once the department is abolished (撤销).</summary>
    public bool Active { get; init; } = true;

    public required Provenance Provenance { get; init; }

    /// <summary>Whether this is a market-supervision department (市场监管部门); some rules apply only to them.</summary>
    public bool IsMarketSupervision => LineOfWork == LineOfWork.MarketSupervision;
}
