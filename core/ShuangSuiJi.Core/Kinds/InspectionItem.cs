namespace ShuangSuiJi.Core.Kinds;

/// <summary>An inspection item on a department's list (抽查事项清单). Natural key: <see cref="Code"/>.</summary>
public sealed record InspectionItem : ICanonicalRecord
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    /// <summary>The department whose list holds the item.</summary>
    public required string OwnerDepartmentCode { get; init; }

    /// <summary>抽查领域, for example 药品零售.</summary>
    public required string Field { get; init; }

    /// <summary>检查内容.</summary>
    public string Content { get; init; } = "";

    /// <summary>法律依据.</summary>
    public string LegalBasis { get; init; } = "";

    /// <summary>Check methods the item allows; at least one.</summary>
    public required IReadOnlyList<CheckMethod> Methods { get; init; }

    /// <summary>检查对象范围, in words as the department writes it (for example 药品零售企业).</summary>
    public string TargetScope { get; init; } = "";

    /// <summary>重点事项: a key item rather than an ordinary one.</summary>
    public bool IsKeyItem { get; init; }

    public bool Active { get; init; } = true;

    public required Provenance Provenance { get; init; }
}
