using System.Security.Claims;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Hub.Auditing;
using ShuangSuiJi.Reconciliation;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Reconciliation as administrators use it: pairs with counts and trends, the differing records, one record field by field, resolutions and runs on demand.</summary>
internal static class ReconciliationApi
{
    /// <summary>Body of a resolution.</summary>
    public sealed record ResolveBody(ResolutionAction? Action, string? Side, string? Reason, DateTimeOffset? ExpiresAt);

    /// <summary>Body of a run on demand.</summary>
    public sealed record RunBody(string? Kind, string? Left, string? Right, bool Full = true);

    public static IEndpointRouteBuilder MapReconciliationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reconciliation").WithTags("Reconciliation");
        group.MapGet("/pairs", PairsAsync).WithName("ListReconciliationPairs").WithSummary("Every reconciled pair with its latest counts by class and their trend.")
            .ProvinceWide("Counts per pair of systems, the health of the data exchange; no record is shown.");
        group.MapGet("/items", ItemsAsync).WithName("ListReconciliationItems")
            .WithSummary("A pair's differing records (or one class) of the account's departments, filtered by key and by whether they are resolved, a page at a time.")
            .ScopedByDepartment("the department of the hub's record with the item's key (targets: province-wide)");
        group.MapGet("/items/{kind}/{left}/{right}/{key}", ItemAsync).WithName("GetReconciliationItem")
            .WithSummary("One record in both systems, field by field, with the golden value of each differing field, what can be pushed and its resolutions; 404 outside the account's departments.")
            .ScopedByDepartment("the department of the hub's record with the item's key (targets: province-wide)");
        group.MapPost("/items/{kind}/{left}/{right}/{key}/resolve", ResolveAsync).WithName("ResolveReconciliationItem")
            .WithSummary("Push the fix to the lagging side, accept one side, or ignore until an expiry; recorded with who, when and why. 404 outside the account's departments.")
            .ScopedByDepartment("the department of the hub's record with the item's key (targets: province-wide)");
        group.MapPost("/run", RunAsync).WithName("RunReconciliation").WithSummary("Reconciles one pair now (full by default) and answers its counts.")
            .ProvinceAccountsOnly("A run compares and rewrites the whole province's items of a pair.");
        return app;
    }

    public static async Task<IResult> PairsAsync(ReconciliationService service, CancellationToken cancellationToken, int points = 30) =>
        TypedResults.Ok(await service.PairsAsync(points, cancellationToken));

    public static async Task<IResult> ItemsAsync(
        ReconciliationService service, VisibleDepartments visible, string kind, string left, string right, CancellationToken cancellationToken,
        string? @class = null, string? q = null, bool unresolved = false, int page = 1, int pageSize = PageQuery.DefaultPageSize)
    {
        if (page < 1 || pageSize is < 1 or > PageQuery.MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [page < 1 ? "page" : "pageSize"] = [$"page must be 1 or more and pageSize 1 to {PageQuery.MaxPageSize}"] });
        }

        return await Guard(async () =>
        {
            var (items, total) = await service.ItemsAsync(new ItemFilter(kind, left, right, @class, q, unresolved, ReconciliationScope.KeyFilter(visible, kind)), page, pageSize, cancellationToken);
            return TypedResults.Ok(new Page<ItemRow>(items, page, pageSize, total));
        });
    }

    public static Task<IResult> ItemAsync(
        ReconciliationService service, HubDbContext db, VisibleDepartments visible, string kind, string left, string right, string key, CancellationToken cancellationToken) =>
        Guard(async () => await ReconciliationScope.AllowsAsync(db, visible, kind, key, cancellationToken)
            && await service.ItemAsync(kind, left, right, key, cancellationToken) is { } item
            ? TypedResults.Ok(item)
            : NoItem(kind, left, right, key));

    public static Task<IResult> ResolveAsync(
        ReconciliationService service, HubDbContext db, VisibleDepartments visible, RequestAudit audit, ClaimsPrincipal user, string kind, string left, string right, string key, ResolveBody body,
        CancellationToken cancellationToken) =>
        Guard(refused: ex => audit.RefusedAsync(AuditActs.Resolution, $"{kind} {left}/{right} {key}", $"{body.Action} {body.Side}: {ex.Message}; reason: {body.Reason}"), action: async () =>
        {
            if (!await ReconciliationScope.AllowsAsync(db, visible, kind, key, cancellationToken))
            {
                return NoItem(kind, left, right, key);
            }

            if (body.Action is not { } action)
            {
                throw new ReconciliationRequestException("action", "The action is required: Push, Accept or Ignore.");
            }

            var by = user.Identity?.Name ?? throw new InvalidOperationException("A resolution reached the API without a signed-in account.");
            var outcome = await service.ResolveAsync(kind, left, right, key, new ResolutionRequest(action, body.Side, body.Reason ?? "", body.ExpiresAt, by), cancellationToken);
            await audit.RecordAsync(AuditActs.Resolution, $"{kind} {left}/{right} {key}", $"{action} {body.Side ?? body.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}: {outcome}; reason: {body.Reason}");
            return TypedResults.Ok(new { outcome });
        });

    public static Task<IResult> RunAsync(ReconciliationService service, RequestAudit audit, RunBody body, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var run = await service.RunAsync(body.Kind ?? "", body.Left ?? "", body.Right ?? "", body.Full, cancellationToken);
            await audit.RecordAsync(AuditActs.Reconcile, $"{run.Kind} {run.Left}/{run.Right}", $"{run.Mode} run {run.Id}: {run.Counts}");
            return TypedResults.Ok(run);
        });

    // The same answer for a key outside the account's departments as for a missing one: existence does not leak.
    private static IResult NoItem(string kind, string left, string right, string key) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No {kind} '{key}' between {left} and {right}.");

    /// <summary>Answers a request the reconciliation refuses as a validation problem, after <paramref name="refused"/> (an audit of the refusal) when given.</summary>
    private static async Task<IResult> Guard(Func<Task<IResult>> action, Func<ReconciliationRequestException, Task>? refused = null)
    {
        try
        {
            return await action();
        }
        catch (ReconciliationRequestException ex)
        {
            if (refused is not null)
            {
                await refused(ex);
            }

            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] });
        }
    }
}
