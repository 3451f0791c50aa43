using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Core.Kinds;

/// <summary>A law-enforcement inspector (执法检查人员). Natural key: <see cref="CertificateNumber"/> (执法证号).</summary>
public sealed record Inspector : ICanonicalRecord
{
    /// <summary>Enforcement certificate number with its province character, for example <c>赣36010012345</c>.</summary>
    public required string CertificateNumber { get; init; }

    public required string Name { get; init; }

    public required string DepartmentCode { get; init; }

    /// <summary>National ID number; sensitive, masked wherever it is printed.</summary>
    public IdNumber? IdNumber { get; init; }

    public PhoneNumber? Phone { get; init; }

    /// <summary>First day the certificate is valid; <see langword="null"/> when the source does not say.</summary>
    public DateOnly? CertificateValidFrom { get; init; }

    /// <summary>Last day the certificate is valid (inclusive).</summary>
    public required DateOnly CertificateValidTo { get; init; }

    /// <summary>业务专长: the fields the inspector is qualified for.</summary>
    public IReadOnlyList<string> Expertise { get; init; } = [];

    /// <summary>回避范围: credit codes of targets the inspector must never be assigned to.</summary>
    public IReadOnlyList<string> RecusalScope { get; init; } = [];

    public required InspectorStatus Status { get; init; }

    public required Provenance Provenance { get; init; }

    /// <summary>Whether the certificate is valid on <paramref name="date"/>.</summary>
    public bool HasValidCertificateOn(DateOnly date) =>
        date <= CertificateValidTo && (CertificateValidFrom is null || CertificateValidFrom.Value <= date);
}
