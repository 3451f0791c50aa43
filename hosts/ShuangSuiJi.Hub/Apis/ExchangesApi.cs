using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Hub.Auditing;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Integration.Deliveries;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>The exchanges as operators and monitoring tools see them: status, the exchange log, deliveries and pulls.</summary>
internal static class ExchangesApi
{
    /// <summary>Body of a resubmit: the deliveries to put back in line, or every dead letter of a partner (and route).</summary>
    public sealed record ResubmitRequest(IReadOnlyList<Guid>? Ids, string? Partner, string? Route);

    public static IEndpointRouteBuilder MapExchangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", StatusAsync).WithTags("Exchanges").WithName("GetStatus")
            .ProvinceWide("Counts per partner system: the health of the exchanges, which belongs to no department.")
            .WithSummary("Per partner: records pulled, deliveries pushed, failed attempts, dead letters and the last success.");

        var log = app.MapGroup("/api/exchanges").WithTags("Exchanges")
            .ProvinceAccountsOnly("The exchange log holds partners' requests and responses, with records of every department.");
        log.MapGet("/", ListLogAsync).WithName("ListExchanges").WithSummary("The exchange log, newest first, filtered by partner, direction, status or kind.");
        log.MapGet("/{id:long}", GetLogAsync).WithName("GetExchange").WithSummary("One exchange log entry with its (masked) requests and responses.");
        log.MapPost("/{id:long}/replay", ReplayAsync).WithName("ReplayExchange")
            .WithSummary("Replays an entry: a delivery is sent again (same idempotency key); a pull runs again from the watermark it started at.");

        var deliveries = app.MapGroup("/api/deliveries").WithTags("Exchanges")
            .ProvinceAccountsOnly("A delivery's payload is an event of any department; deliveries are operated for the whole province.");
        deliveries.MapGet("/", ListDeliveriesAsync).WithName("ListDeliveries").WithSummary("Deliveries, newest first, filtered by status (Pending, Delivered, DeadLettered), partner or route.");
        deliveries.MapPost("/resubmit", ResubmitAsync).WithName("ResubmitDeliveries").WithSummary("Puts dead-lettered deliveries back in line, by id or all of a partner's (and route's).");

        var pulls = app.MapGroup("/api/pulls").WithTags("Exchanges");
        pulls.MapGet("/", ListPullsAsync).ProvinceWide("The scheduled pulls and their watermarks: configuration, no records.").WithName("ListPulls").WithSummary("The scheduled pulls with their watermarks.");
        pulls.MapPost("/{partner}/{resource}/run", RunPullAsync).ProvinceAccountsOnly("A pull brings in records of every department.").WithName("RunPull").WithSummary("Runs a pull now and answers what it did.");
        return app;
    }

    public static async Task<IResult> StatusAsync(ExchangeStatus status, CancellationToken cancellationToken) =>
        TypedResults.Ok(new { partners = await status.GetAsync(cancellationToken) });

    public static async Task<IResult> ListLogAsync(
        HubDbContext db, CancellationToken cancellationToken, string? partner = null, ExchangeDirection? direction = null, string? status = null, string? kind = null,
        int page = 1, int pageSize = PageQuery.DefaultPageSize)
    {
        if (Invalid(page, pageSize) is { } problem)
        {
            return problem;
        }

        var query = db.ExchangeLog.AsNoTracking();
        query = partner is null ? query : query.Where(e => e.Partner == partner);
        query = direction is null ? query : query.Where(e => e.Direction == direction);
        query = status is null ? query : query.Where(e => e.Status == status);
        query = kind is null ? query : query.Where(e => e.Kind == kind);
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new ExchangeLogEntry
            {
                Id = e.Id, Partner = e.Partner, Kind = e.Kind, Direction = e.Direction, Operation = e.Operation, CorrelationId = e.CorrelationId, Status = e.Status,
                Attempts = e.Attempts, StartedAt = e.StartedAt, DurationMs = e.DurationMs, Accepted = e.Accepted, Rejected = e.Rejected, Reference = e.Reference, Error = e.Error,
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<ExchangeLogEntry>(items, page, pageSize, total));
    }

    public static async Task<IResult> GetLogAsync(long id, HubDbContext db, CancellationToken cancellationToken) =>
        await db.ExchangeLog.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken) is { } entry
            ? TypedResults.Ok(entry)
            : TypedResults.Problem($"No exchange log entry {id}.", statusCode: StatusCodes.Status404NotFound);

    public static async Task<IResult> ReplayAsync(long id, HubDbContext db, DeliveryAdmin deliveries, PullRunner pulls, RequestAudit audit, CancellationToken cancellationToken)
    {
        var entry = await db.ExchangeLog.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
        {
            return TypedResults.Problem($"No exchange log entry {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        if (entry.Direction == ExchangeDirection.Inbound)
        {
            var run = await pulls.PullAsync(entry.Operation, entry.Reference ?? "", cancellationToken);
            await audit.RecordAsync(AuditActs.Job, $"exchange {id}", $"pull {entry.Operation} replayed from watermark {entry.Reference}");
            return TypedResults.Ok(new { replayed = "pull", run });
        }

        var ids = Guid.TryParse(entry.Reference, out var one)
            ? [one]
            : await db.Deliveries.AsNoTracking().Where(d => d.BatchKey == entry.Reference).Select(d => d.Id).ToListAsync(cancellationToken);
        var count = 0;
        foreach (var delivery in ids)
        {
            count += await deliveries.ReplayAsync(delivery, cancellationToken) ? 1 : 0;
        }

        await audit.RecordAsync(AuditActs.Resubmit, $"exchange {id}", $"{count} of {ids.Count} deliveries of {entry.Partner} sent again");
        return TypedResults.Ok(new { replayed = "delivery", deliveries = count });
    }

    public static async Task<IResult> ListDeliveriesAsync(
        HubDbContext db, CancellationToken cancellationToken, DeliveryStatus? status = null, string? partner = null, string? route = null, int page = 1,
        int pageSize = PageQuery.DefaultPageSize)
    {
        if (Invalid(page, pageSize) is { } problem)
        {
            return problem;
        }

        var query = db.Deliveries.AsNoTracking();
        query = status is null ? query : query.Where(d => d.Status == status);
        query = partner is null ? query : query.Where(d => d.Partner == partner);
        query = route is null ? query : query.Where(d => d.Route == route);
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(d => d.CreatedAt).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        foreach (var item in items)
        {
            item.Payload = Core.Codes.SensitiveText.Mask(item.Payload); // stored encrypted when sensitive; never shown whole
        }

        return TypedResults.Ok(new Page<Delivery>(items, page, pageSize, total));
    }

    public static async Task<IResult> ResubmitAsync(ResubmitRequest request, DeliveryAdmin deliveries, RequestAudit audit, CancellationToken cancellationToken)
    {
        if (request is null || (request.Ids is not { Count: > 0 } && string.IsNullOrWhiteSpace(request.Partner)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["ids"] = ["give the delivery ids, or a partner (and optionally a route)"] });
        }

        var count = request.Ids is { Count: > 0 } ids
            ? await deliveries.ResubmitAsync(ids, cancellationToken)
            : await deliveries.ResubmitAllAsync(request.Partner!, request.Route, cancellationToken);
        await audit.RecordAsync(AuditActs.Resubmit, request.Ids is { Count: > 0 } given ? $"deliveries {string.Join(",", given)}" : $"dead letters of {request.Partner}{(request.Route is null ? "" : " " + request.Route)}", $"{count} resubmitted");
        return TypedResults.Ok(new { resubmitted = count });
    }

    public static async Task<IResult> ListPullsAsync(PullRunner pulls, CancellationToken cancellationToken)
    {
        var rows = new List<object>();
        foreach (var r in pulls.Resources.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            rows.Add(new { r.Name, r.Partner, r.Kind, r.DefaultCron, Watermark = await pulls.ReadWatermarkAsync(r.Name, cancellationToken) });
        }

        return TypedResults.Ok(rows);
    }

    public static async Task<IResult> RunPullAsync(string partner, string resource, PullRunner pulls, RequestAudit audit, CancellationToken cancellationToken)
    {
        var name = $"{partner}/{resource}";
        if (!pulls.Resources.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem($"No pull '{name}'; there are: {string.Join(", ", pulls.Resources.Select(r => r.Name).Order(StringComparer.Ordinal))}.",
                statusCode: StatusCodes.Status404NotFound);
        }

        var run = await pulls.PullAsync(name, fromWatermark: null, cancellationToken);
        await audit.RecordAsync(AuditActs.Job, $"pull {name}", "run now");
        return TypedResults.Ok(run);
    }

    private static IResult? Invalid(int page, int pageSize) =>
        page < 1 || pageSize is < 1 or > PageQuery.MaxPageSize
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [page < 1 ? "page" : "pageSize"] = [$"page must be 1 or more and pageSize 1 to {PageQuery.MaxPageSize}"],
            })
            : null;
}
