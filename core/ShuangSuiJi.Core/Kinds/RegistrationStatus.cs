namespace ShuangSuiJi.Core.Kinds;

/// <summary>Registration status of a market entity (登记状态).</summary>
public enum RegistrationStatus
{
    /// <summary>存续 (existing). Drawable.</summary>
    Existing = 1,
    /// <summary>吊销 (licence revoked).</summary>
    Revoked = 2,
    /// <summary>注销 (deregistered).</summary>
    Deregistered = 3,
    /// <summary>迁出 (moved out).</summary>
    MovedOut = 4,
    /// <summary>撤销 (registration cancelled).</summary>
    Cancelled = 5,
    /// <summary>停业 (suspended). Drawable.</summary>
    Suspended = 6,
}
