using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Hub.Access;

/// <summary>Login, password and session settings of the hub's local accounts. Section <c>Access</c>.</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>
    /// Days a password stays valid; an older one sends the account to the change form at login, as an initial
    /// password does. <value>Default 90.</value>
    /// </summary>
    [Range(1, 3650, ErrorMessage = "Access:PasswordMaxAgeDays must be between 1 and 3650.")]
    public int PasswordMaxAgeDays { get; set; } = 90;

    /// <summary>
    /// Administrators must enrol a TOTP second factor and enter a code at every login (等保三级: two factors, one of
    /// them cryptographic). <value>Default <see langword="true"/>.</value>
    /// </summary>
    public bool RequireSecondFactorForAdministrators { get; set; } = true;

    /// <summary>Minutes without a request after which a session ends (sliding). <value>Default 30.</value></summary>
    [Range(1, 1440, ErrorMessage = "Access:SessionIdleMinutes must be between 1 and 1440.")]
    public int SessionIdleMinutes { get; set; } = 30;

    /// <summary>Hours after the login at which a session ends however active it is. <value>Default 8.</value></summary>
    [Range(1, 168, ErrorMessage = "Access:SessionAbsoluteHours must be between 1 and 168.")]
    public int SessionAbsoluteHours { get; set; } = 8;
}
