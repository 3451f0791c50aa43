using Hangfire.Dashboard;
using ShuangSuiJi.Storage.Access;

namespace ShuangSuiJi.Hub.Access;

/// <summary>The Hangfire dashboard for administrators only (the access policy already demands it; this keeps Hangfire from falling back to its local-only default).</summary>
internal sealed class HangfireAdministratorFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(AccountRoles.Administrator);
}
