using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// Registers the hub's login: cookie sessions over the store's accounts (with the TOTP second factor), API keys for
/// machine clients, the one access policy over both, the department scope.
/// </summary>
internal static class ServiceCollectionExtensions
{
    /// <summary>Name of the session cookie.</summary>
    public const string CookieName = "ssj.session";

    /// <summary>The scheme the policy names: the API key handler when the request carries <c>X-Api-Key</c>, else the session cookie.</summary>
    public const string SessionOrApiKey = "SessionOrApiKey";

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

        services.AddOptions<AccessOptions>()
            .Bind(configuration.GetSection(AccessOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<AccountService>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<SecondFactorService>();
        services.AddSingleton<DepartmentScope>();
        services.AddSingleton<IAuthorizationHandler, AccessRequirement>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AccessOptions>>((cookie, access) => cookie.ExpireTimeSpan = TimeSpan.FromMinutes(access.Value.SessionIdleMinutes));
        services.AddAuthentication(SessionOrApiKey)
            .AddPolicyScheme(SessionOrApiKey, "Session cookie or API key", scheme => scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                // Strict: no cross-site request carries the session, which is the forms' and the API's CSRF defence.
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                cookie.AccessDeniedPath = "/login";
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context =>
                        PendingStepForm(context.HttpContext.User) is { } form && !IsApi(context.Request)
                            ? Redirect(context, form)
                            : Answer(context, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = async context =>
                    {
                        if (!await WithinAbsoluteLifetimeAsync(context))
                        {
                            return;
                        }

                        await ValidateAsync(context);
                    },
                };
            });

        var policy = new AuthorizationPolicyBuilder(SessionOrApiKey)
            .RequireAuthenticatedUser()
            .AddRequirements(new AccessRequirement())
            .Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(policy)
            .SetFallbackPolicy(policy);
        services.AddHostedService<FirstAdministrator>();
        return services;
    }

    /// <summary>The form of the sign-in step a session still has to pass, or null.</summary>
    private static string? PendingStepForm(System.Security.Claims.ClaimsPrincipal user) =>
        AccessClaims.SecondFactorPending(user) ? "/account/second-factor"
        : AccessClaims.MustChange(user) ? "/account/password"
        : null;

    /// <summary>A session ends <see cref="AccessOptions.SessionAbsoluteHours"/> after its login, however active (sliding renewals do not extend it).</summary>
    private static async Task<bool> WithinAbsoluteLifetimeAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var limit = TimeSpan.FromHours(services.GetRequiredService<IOptions<AccessOptions>>().Value.SessionAbsoluteHours);
        if (context.Principal is { } user && AccessClaims.SignedInAtOf(user) is { } signedInAt && services.GetRequiredService<TimeProvider>().GetUtcNow() - signedInAt < limit)
        {
            return true;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return false;
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
