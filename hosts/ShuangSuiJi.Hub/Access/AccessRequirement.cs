using Microsoft.AspNetCore.Authorization;
using ShuangSuiJi.Storage.Access;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// The hub's one access rule, part of the default and fallback policies so that it covers every endpoint and
/// middleware (Hangfire, static files) without per-endpoint code: a signed-in account (or API key) with no sign-in
/// step pending (forced password change, second factor); the Administrator role for anything that changes state
/// under <c>/api</c> (every method but GET, HEAD and OPTIONS), for <c>/api/audit</c> and for <c>/hangfire</c>.
/// </summary>
internal sealed class AccessRequirement : AuthorizationHandler<AccessRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true || AccessClaims.Incomplete(context.User))
        {
            return Task.CompletedTask;
        }

        var http = context.Resource as HttpContext;
        if (http is null || !NeedsAdministrator(http.Request) || context.User.IsInRole(AccountRoles.Administrator))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    public static bool NeedsAdministrator(HttpRequest request) =>
        request.Path.StartsWithSegments("/hangfire", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/api/audit", StringComparison.OrdinalIgnoreCase) // the audit trail, reads included
        || (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !IsRead(request.Method));

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
