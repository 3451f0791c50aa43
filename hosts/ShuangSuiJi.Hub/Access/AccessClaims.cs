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

    /// <summary>Present while the account must change its password before doing anything else.</summary>
    public const string MustChangePassword = "ssj:must-change-password";

    public static ClaimsPrincipal For(Account account)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Name),
            new(ClaimTypes.Role, account.Role),
            new(Stamp, StampOf(account)),
        };
        if (account.DepartmentCode is { } department)
        {
            claims.Add(new Claim(Department, department));
        }

        if (account.MustChangePassword)
        {
            claims.Add(new Claim(MustChangePassword, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>In whole milliseconds: PostgreSQL keeps microseconds, so ticks read back differ from the ticks written.</summary>
    public static string StampOf(Account account) =>
        account.PasswordChangedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static long? AccountId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;

    public static bool MustChange(ClaimsPrincipal user) => user.HasClaim(c => c.Type == MustChangePassword);
}
