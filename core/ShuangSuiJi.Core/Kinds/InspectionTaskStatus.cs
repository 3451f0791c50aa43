namespace ShuangSuiJi.Core.Kinds;

/// <summary>Where a task stands (任务状态).</summary>
public enum InspectionTaskStatus
{
    /// <summary>未开始.</summary>
    NotStarted = 0,
    /// <summary>进行中.</summary>
    InProgress = 1,
    /// <summary>已完成.</summary>
    Completed = 2,
    /// <summary>已逾期.</summary>
    Overdue = 3,
}
