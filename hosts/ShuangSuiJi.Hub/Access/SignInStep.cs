namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// What a signed-in account must still do before its session may use the hub, in this order: the second factor
/// (an enrolled account proves it before anything else, so a stolen password cannot even change the password), the
/// password change (initial, reset or expired), the second-factor enrolment (administrators without one).
/// </summary>
internal enum SignInStep
{
    /// <summary>Nothing: the session is complete.</summary>
    None,

    /// <summary>Enter the TOTP code.</summary>
    SecondFactor,

    /// <summary>Change the password (initial, reset or older than <see cref="AccessOptions.PasswordMaxAgeDays"/>).</summary>
    PasswordChange,

    /// <summary>Enrol a TOTP authenticator (administrators, when <see cref="AccessOptions.RequireSecondFactorForAdministrators"/>).</summary>
    SecondFactorEnrolment,
}
