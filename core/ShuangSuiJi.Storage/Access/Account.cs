namespace ShuangSuiJi.Storage.Access;

/// <summary>
/// A local account of the dashboard and API. Passwords are stored only as a slow hash; the role decides whether
/// the account acts (administrator) or reads (viewer); a department code scopes it to that department and below.
/// </summary>
public sealed class Account
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The password hash (ASP.NET Core Identity's PBKDF2 format); never the password.</summary>
    public required string PasswordHash { get; set; }

    /// <summary><see cref="AccountRoles.Administrator"/> or <see cref="AccountRoles.Viewer"/>.</summary>
    public required string Role { get; set; }

    /// <summary>The department the account is scoped to, with every department below it; null for the whole province.</summary>
    public string? DepartmentCode { get; set; }

    /// <summary>An initial or reset password: the next login must change it before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset PasswordChangedAt { get; set; }

    public int FailedLogins { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>
    /// The TOTP secret (RFC 6238) of the account's second factor, protected by the hub's data-protection keys (never
    /// the plain Base32 secret); null until enrolment starts.
    /// </summary>
    public string? TotpSecret { get; set; }

    /// <summary>When the account confirmed its TOTP enrolment with a first code; until then the secret is only pending.</summary>
    public DateTimeOffset? TotpEnrolledAt { get; set; }

    /// <summary>The 30-second time step of the last accepted TOTP code: a code of that step or earlier is refused as reused.</summary>
    public long? TotpLastStep { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The two roles.</summary>
public static class AccountRoles
{
    /// <summary>Acts: resolves, resubmits, draws, runs reconciliations.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Reads.</summary>
    public const string Viewer = "Viewer";

    public static bool IsKnown(string role) => role is Administrator or Viewer;
}
