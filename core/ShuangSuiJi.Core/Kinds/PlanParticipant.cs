namespace ShuangSuiJi.Core.Kinds;

/// <summary>One department taking part in a plan (发起部门 or 配合部门) with the items it checks.</summary>
public sealed record PlanParticipant
{
    public required string DepartmentCode { get; init; }

    public required IReadOnlyList<string> ItemCodes { get; init; }
}
