using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace ShuangSuiJi.Hub.Access;

/// <summary>Registers the hub's login: cookie authentication over the store's accounts, the access policy, the department scope.</summary>
internal static class ServiceCollectionExtensions
{
    /// <summary>Name of the session cookie.</summary>
    public const string CookieName = "ssj.session";

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(30);

    public static IServiceCollection AddHubAccess(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(AccountService)))
        {
            throw new InvalidOperationException("AddHubAccess was already called.");
        }

        // One application name, so every hub instance reads the others' cookies from a shared key ring.
        var dataProtection = services.AddDataProtection().SetApplicationName("ShuangSuiJi.Hub");
        if (configuration[$"{HubOptions.SectionName}:{nameof(HubOptions.KeyDirectory)}"] is { Length: > 0 } keys)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        }

        services.AddMemoryCache();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<DepartmentScope>();
        services.AddSingleton<IAuthorizationHandler, AccessRequirement>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                // Strict: no cross-site request carries the session, which is the forms' and the API's CSRF defence.
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = SessionLifetime;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                cookie.AccessDeniedPath = "/login";
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context =>
                        AccessClaims.MustChange(context.HttpContext.User) && !IsApi(context.Request)
                            ? Redirect(context, "/account/password")
                            : Answer(context, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = ValidateAsync,
                };
            });

        var policy = new AuthorizationPolicyBuilder(CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new AccessRequirement())
            .Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(policy)
            .SetFallbackPolicy(policy);
        services.AddHostedService<FirstAdministrator>();
        return services;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The API answers with a status code; pages are sent to the login form (or, when forbidden, get a plain 403).</summary>
    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request) || status == StatusCodes.Status403Forbidden)
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        return Redirect(context, context.RedirectUri);
    }

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context, string uri)
    {
        context.Response.Redirect(uri);
        return Task.CompletedTask;
    }

    /// <summary>A session ends when its account is removed, disabled or locked, or its password changed since the login (checked as <see cref="AccountSessions"/> says).</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var user = context.Principal;
        if (user is null || AccessClaims.AccountId(user) is not { } id)
        {
            context.RejectPrincipal();
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessions>();
        if (!await sessions.IsValidAsync(id, user.FindFirst(AccessClaims.Stamp)?.Value, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
