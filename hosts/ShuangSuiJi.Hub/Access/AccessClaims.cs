using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using ShuangSuiJi.Storage.Access;

namespace ShuangSuiJi.Hub.Access;

/// <summary>The claims a signed-in account carries in its cookie, and how they are built from the store's row.</summary>
internal static class AccessClaims
{
    public const string Department = "ssj:department";

    /// <summary>When the password last changed: a session from before a change (or a reset) is refused.</summary>
    public const string Stamp = "ssj:stamp";

    /// <summary>Present while the account must change its password before doing anything else (value: <c>initial</c> or <c>expired</c>).</summary>
    public const string MustChangePassword = "ssj:must-change-password";

    /// <summary>Present while the account must enter (<c>verify</c>) or enrol (<c>enrol</c>) its TOTP second factor.</summary>
    public const string PendingSecondFactor = "ssj:pending-second-factor";

    /// <summary>The session's second factor was verified (carried through a later password change).</summary>
    public const string SecondFactorVerified = "ssj:second-factor";

    /// <summary>When the login happened (Unix milliseconds): the session ends <see cref="AccessOptions.SessionAbsoluteHours"/> later.</summary>
    public const string SignedInAt = "ssj:signed-in-at";

    /// <summary>A complete session for <paramref name="account"/>, as after every sign-in step.</summary>
    public static ClaimsPrincipal For(Account account, DateTimeOffset signedInAt) => For(account, signedInAt, SignInStep.None, secondFactorVerified: false);

    public static ClaimsPrincipal For(Account account, DateTimeOffset signedInAt, SignInStep step, bool secondFactorVerified)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Name),
            new(ClaimTypes.Role, account.Role),
            new(Stamp, StampOf(account)),
            new(SignedInAt, signedInAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (account.DepartmentCode is { } department)
        {
            claims.Add(new Claim(Department, department));
        }

        switch (step)
        {
            case SignInStep.PasswordChange:
                claims.Add(new Claim(MustChangePassword, account.MustChangePassword ? "initial" : "expired"));
                break;
            case SignInStep.SecondFactor:
                claims.Add(new Claim(PendingSecondFactor, "verify"));
                break;
            case SignInStep.SecondFactorEnrolment:
                claims.Add(new Claim(PendingSecondFactor, "enrol"));
                break;
        }

        if (secondFactorVerified)
        {
            claims.Add(new Claim(SecondFactorVerified, "totp"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>In whole milliseconds: PostgreSQL keeps microseconds, so ticks read back differ from the ticks written.</summary>
    public static string StampOf(Account account) =>
        account.PasswordChangedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static long? AccountId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool MustChange(ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustChangePassword);

    public static bool SecondFactorPending(ClaimsPrincipal user) => user.HasClaim(c => c.Type == PendingSecondFactor);

    public static bool IsSecondFactorVerified(ClaimsPrincipal user) => user.HasClaim(c => c.Type == SecondFactorVerified);

    /// <summary>True while a sign-in step is pending: the session may reach only that step's form and logout.</summary>
    public static bool Incomplete(ClaimsPrincipal user) => MustChange(user) || SecondFactorPending(user);

    public static DateTimeOffset? SignedInAtOf(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(SignedInAt), CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
