namespace ShuangSuiJi.Core.Kinds;

/// <summary>What a user may do (角色). A user may hold several.</summary>
[Flags]
public enum UserRoles
{
    None = 0,
    /// <summary>管理员.</summary>
    Administrator = 1,
    /// <summary>计划制定人.</summary>
    Planner = 2,
    /// <summary>检查人员.</summary>
    Inspector = 4,
    /// <summary>监督人员.</summary>
    Supervisor = 8,
}
