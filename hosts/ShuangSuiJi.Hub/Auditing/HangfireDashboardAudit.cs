using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Auditing;

/// <summary>
/// Records what administrators do in the Hangfire dashboard: every POST under <c>/hangfire</c> (trigger or remove a
/// recurring job, requeue or delete jobs) except the dashboard's own polling of its counters, with the jobs named in
/// the form, once Hangfire has answered.
/// </summary>
internal static class HangfireDashboardAudit
{
    public static IApplicationBuilder UseHangfireDashboardAudit(this IApplicationBuilder app, string prefix)
    {
        // The trail is resolved per audited request, not here: building the pipeline must not validate the store's
        // options (a bad configuration stops the host at start, naming the key, as everywhere else).
        return app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (!HttpMethods.IsPost(request.Method) || !request.Path.StartsWithSegments(prefix, out var action) || action.StartsWithSegments("/stats"))
            {
                await next(http);
                return;
            }

            // Read the form first (Hangfire reads the same buffered form): it names the jobs acted on.
            var jobs = request.HasFormContentType ? (await request.ReadFormAsync(http.RequestAborted))["jobs[]"].ToString() : "";
            await next(http);
            var refused = http.Response.StatusCode >= 400;
            var detail = $"HTTP {http.Response.StatusCode}{(jobs.Length > 0 ? $"; jobs {jobs}" : "")}";
            await http.RequestServices.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditRecord(RequestAudit.ActorOf(http.User), AuditActs.Job, $"hangfire {action.Value}", refused ? AuditOutcomes.Refused : AuditOutcomes.Succeeded, detail, RequestAudit.AddressOf(http)),
                CancellationToken.None);
        });
    }
}
