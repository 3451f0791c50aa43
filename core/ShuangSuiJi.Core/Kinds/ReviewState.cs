namespace ShuangSuiJi.Core.Kinds;

/// <summary>Review of a plan by the justice department (审核状态).</summary>
public enum ReviewState
{
    /// <summary>Not yet submitted.</summary>
    Draft = 0,
    /// <summary>待审核.</summary>
    Pending = 1,
    /// <summary>审核通过.</summary>
    Approved = 2,
    /// <summary>退回.</summary>
    Returned = 3,
}
