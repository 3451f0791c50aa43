namespace ShuangSuiJi.Core.Kinds;

/// <summary>Whether an inspector can be assigned (在岗状态).</summary>
public enum InspectorStatus
{
    /// <summary>在岗.</summary>
    OnDuty = 1,
    /// <summary>调离.</summary>
    Transferred = 2,
    /// <summary>退休.</summary>
    Retired = 3,
}
