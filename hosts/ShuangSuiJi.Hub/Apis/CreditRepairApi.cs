using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Integration.CreditRepair;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Body of a credit-repair request (信用修复).</summary>
/// <param name="Reason">Why publicity stops.</param>
/// <param name="RequestReference">The enterprise's request (application number or document reference).</param>
internal sealed record CreditRepairBody(string? Reason, string? RequestReference);

/// <summary>
/// Credit repair (信用修复): an administrator stops the publicity of a result on the enterprise's request. A state
/// change under <c>/api</c>, so the access rule admits administrators only; an administrator of a department acts on
/// that department's results (and those below it).
/// </summary>
internal static class CreditRepairApi
{
    public static IEndpointRouteBuilder MapCreditRepairApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/results").WithTags("Results")
            .MapPost("/{taskNumber}/{targetCreditCode}/{departmentCode}/credit-repair", RequestAsync)
            .WithName("RequestCreditRepair")
            .ScopedByDepartment("the inspecting department of the result")
            .WithSummary("Stop publicising a result on the enterprise's request (信用修复): 202 with the withdrawal event; 409 when never publicised, still within the minimum period, or already withdrawn.");
        return app;
    }

    public static async Task<Results<Accepted<CreditRepairOutcome>, ValidationProblem, NotFound<CreditRepairOutcome>, Conflict<CreditRepairOutcome>>> RequestAsync(
        string taskNumber, string targetCreditCode, string departmentCode, CreditRepairBody body, CreditRepairService service, VisibleDepartments visible,
        ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        if (!visible.Allows(departmentCode))
        {
            // Out of the account's scope reads as absent, as the read endpoints answer.
            return TypedResults.NotFound(new CreditRepairOutcome(CreditRepairStatus.NotFound, $"no result {CreditRepairService.Subject(taskNumber, targetCreditCode, departmentCode)}"));
        }

        var outcome = await service.RequestAsync(
            new CreditRepairRequest(taskNumber, targetCreditCode, departmentCode, body.Reason, body.RequestReference, user.Identity?.Name ?? "unknown",
                http.Connection.RemoteIpAddress?.ToString()),
            cancellationToken);
        return outcome.Status switch
        {
            CreditRepairStatus.Accepted => TypedResults.Accepted($"/api/results/{taskNumber}/{targetCreditCode}/{departmentCode}", outcome),
            CreditRepairStatus.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > CreditRepairService.MaxReason ? "reason" : "requestReference"] = [outcome.Message],
            }),
            CreditRepairStatus.NotFound => TypedResults.NotFound(outcome),
            _ => TypedResults.Conflict(outcome),
        };
    }
}
