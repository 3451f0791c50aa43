namespace ShuangSuiJi.Core.Kinds;

/// <summary>A user of the supervision systems (用户). Natural key: <see cref="LoginName"/>.</summary>
public sealed record User : ICanonicalRecord
{
    public required string LoginName { get; init; }

    public required string DisplayName { get; init; }

    public required string DepartmentCode { get; init; }

    public required UserRoles Roles { get; init; }

    public bool Enabled { get; init; } = true;

    public required Provenance Provenance { get; init; }
}
