namespace ShuangSuiJi.Core.Kinds;

/// <summary>The warning light (预警灯) every system shows on plans and tasks, by the same rule.</summary>
public enum WarningLight
{
    /// <summary>绿灯: on time.</summary>
    Green = 0,
    /// <summary>黄灯: deadline near.</summary>
    Yellow = 1,
    /// <summary>红灯: overdue.</summary>
    Red = 2,
}
