namespace ShuangSuiJi.Core.Kinds;

/// <summary>An inspection target (检查对象): a registered market entity. Natural key: <see cref="CreditCode"/>.</summary>
public sealed record Target : ICanonicalRecord
{
    /// <summary>Unified social credit code (统一社会信用代码), 18 characters with a GB 32100 check character.</summary>
    public required string CreditCode { get; init; }

    /// <summary>Name as registered; brackets and spaces kept as the source sent them.</summary>
    public required string Name { get; init; }

    public required EntityType EntityType { get; init; }

    /// <summary>Legal representative (法定代表人) or operator.</summary>
    public string LegalRepresentative { get; init; } = "";

    public string Address { get; init; } = "";

    /// <summary>Region code, 6 digits (GB/T 2260).</summary>
    public required string RegionCode { get; init; }

    /// <summary>Registration authority (登记机关), a department code.</summary>
    public required string RegistrationAuthorityCode { get; init; }

    public required DateOnly EstablishedOn { get; init; }

    public required RegistrationStatus Status { get; init; }

    /// <summary>Industry (GB/T 4754): section letter and four digits, for example <c>F5251</c>.</summary>
    public required string IndustryCode { get; init; }

    /// <summary>Tags (标签) such as 加油站 or 养老机构.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Credit-risk grade; <see langword="null"/> when not yet graded.</summary>
    public RiskGrade? RiskGrade { get; init; }

    public required Provenance Provenance { get; init; }

    /// <summary>Only existing and suspended entities may be drawn; deregistered, revoked, moved-out and cancelled ones never.</summary>
    public bool IsDrawable => Status is RegistrationStatus.Existing or RegistrationStatus.Suspended;
}
