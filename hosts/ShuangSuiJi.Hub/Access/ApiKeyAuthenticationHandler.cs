using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// Machine clients (other government systems) authenticate with an API key in the <c>X-Api-Key</c> header. A valid
/// key yields the same role and department claims as a signed-in account, so the one access policy and the
/// department scope apply unchanged. An unknown, revoked or expired key is answered 401 with a problem body that
/// says which; a request without the header is left to the session cookie.
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    HubDbContextFactory stores,
    TimeProvider timeProvider)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string HeaderName = "X-Api-Key";

    /// <summary>Prefix of the name a key's requests act under (<c>apikey:county-portal</c>), e.g. in a resolution's author.</summary>
    public const string NamePrefix = "apikey:";

    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly ILogger _log = loggerFactory.CreateLogger<ApiKeyAuthenticationHandler>();

    private string? _refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[HeaderName].ToString() is not { Length: > 0 } key)
        {
            return AuthenticateResult.NoResult();
        }

        if (ApiKeySecret.PrefixOf(key.Trim()) is not { } prefix)
        {
            return Refuse("The X-Api-Key header does not hold a key of this hub (ssj_…).", "(malformed)");
        }

        await using var db = stores.CreateDbContext();
        var row = await db.ApiKeys.FirstOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (row is null || !ApiKeySecret.Matches(key.Trim(), row.KeyHash))
        {
            return Refuse("The API key is unknown.", prefix);
        }

        var now = timeProvider.GetUtcNow();
        if (row.RevokedAt is { } revoked)
        {
            return Refuse($"The API key '{row.Name}' was revoked at {revoked.ToString("O", CultureInfo.InvariantCulture)}.", prefix);
        }

        if (row.ExpiresAt is { } expires && expires <= now)
        {
            return Refuse($"The API key '{row.Name}' expired at {expires.ToString("O", CultureInfo.InvariantCulture)}.", prefix);
        }

        if (row.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            row.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, NamePrefix + row.Name),
            new(ClaimTypes.Role, row.Role),
        };
        if (row.DepartmentCode is { } department)
        {
            claims.Add(new Claim(AccessClaims.Department, department));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Response.WriteAsJsonAsync(
            new ProblemDetails
            {
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.2",
                Title = "API key refused",
                Status = StatusCodes.Status401Unauthorized,
                Detail = _refusal ?? "An API key is required in the X-Api-Key header.",
            },
            (System.Text.Json.JsonSerializerOptions?)null,
            "application/problem+json",
            Context.RequestAborted);
    }

    private AuthenticateResult Refuse(string reason, string prefix)
    {
        _refusal = reason;
        KeyRefused(_log, prefix, reason);
        return AuthenticateResult.Fail(reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API key {Prefix} refused: {Reason}")]
    private static partial void KeyRefused(ILogger logger, string prefix, string reason);
}
