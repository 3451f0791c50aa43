using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Draw.InspectorAssignment;

/// <summary>An inspector as the assignment reads it: the roster entry plus the region of the inspector's department.</summary>
public sealed record RosterInspector
{
    public required string CertificateNumber { get; init; }

    public required string DepartmentCode { get; init; }

    /// <summary>Region (6 digits) of the inspector's department; used by the cross-region option.</summary>
    public required string RegionCode { get; init; }

    public required InspectorStatus Status { get; init; }

    public DateOnly? CertificateValidFrom { get; init; }

    public required DateOnly CertificateValidTo { get; init; }

    public IReadOnlyList<string> Expertise { get; init; } = [];

    /// <summary>Credit codes the inspector must never be assigned to (回避范围).</summary>
    public IReadOnlyList<string> RecusalScope { get; init; } = [];

    /// <summary>From a canonical inspector and the region of the inspector's department.</summary>
    public static RosterInspector From(Inspector inspector, string departmentRegion)
    {
        ArgumentNullException.ThrowIfNull(inspector);
        return new RosterInspector
        {
            CertificateNumber = inspector.CertificateNumber,
            DepartmentCode = inspector.DepartmentCode,
            RegionCode = departmentRegion,
            Status = inspector.Status,
            CertificateValidFrom = inspector.CertificateValidFrom,
            CertificateValidTo = inspector.CertificateValidTo,
            Expertise = inspector.Expertise,
            RecusalScope = inspector.RecusalScope,
        };
    }
}
