using System.Security.Claims;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Auditing;

/// <summary>
/// Records an administrative act made over HTTP in the audit trail, taking the actor and the address from the request,
/// so an endpoint adds one call per act. Scoped: one per request.
/// </summary>
internal sealed class RequestAudit(IAuditTrail trail, IHttpContextAccessor accessor)
{
    /// <summary>Records a completed act.</summary>
    public Task RecordAsync(string act, string subject, string? detail) => WriteAsync(act, subject, AuditOutcomes.Succeeded, detail);

    /// <summary>Records an act, completed or refused.</summary>
    public Task RecordAsync(string act, string subject, string? detail, bool refused) =>
        WriteAsync(act, subject, refused ? AuditOutcomes.Refused : AuditOutcomes.Succeeded, detail);

    /// <summary>Records an act the hub refused for a business reason (not a malformed request).</summary>
    public Task RefusedAsync(string act, string subject, string reason) => WriteAsync(act, subject, AuditOutcomes.Refused, reason);

    /// <summary>
    /// Who acted: the signed-in account's name. Principals signed in with an API key carry the name
    /// <c>apikey:&lt;name&gt;</c>, so they are told apart from accounts without a rule here.
    /// </summary>
    public static string ActorOf(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    /// <summary>The client's address as the server saw it (behind a proxy, the proxy's unless forwarded headers are applied).</summary>
    public static string? AddressOf(HttpContext? http) => http?.Connection.RemoteIpAddress?.ToString();

    private async Task WriteAsync(string act, string subject, string outcome, string? detail)
    {
        var http = accessor.HttpContext;
        // Not the request's token: once the act is done, a client hanging up must not leave it unrecorded.
        await trail.RecordAsync(new AuditRecord(ActorOf(http?.User), act, subject, outcome, detail, AddressOf(http)), CancellationToken.None);
    }
}
