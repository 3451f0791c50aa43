using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Hub.Auditing;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Draws;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>
/// The published draw ledger (一公开): every draw's record, so anyone can re-derive it with <c>ssj draw verify</c>.
/// Within the hub an account sees the draws of tasks its departments initiated.
/// </summary>
internal static class DrawsApi
{
    /// <summary>A ledger line without the record itself.</summary>
    public sealed record DrawSummary(long Id, string TaskNumber, DateTimeOffset DrawnAt, string Algorithm, string EligibleHash, int EligibleCount, int DrawnCount, bool Refused);

    public static IEndpointRouteBuilder MapDrawsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/draws").WithTags("Draws").ScopedByDepartment("the drawn task's initiating department");
        group.MapGet("/", ListAsync).WithName("ListDraws").WithSummary("Published draws, newest first, optionally for one task.");
        group.MapGet("/{id:long}", GetAsync).WithName("GetDraw").WithSummary("One draw record (docs/draw-spec.md §7), as published.");
        group.MapGet("/{id:long}/verify", VerifyAsync).WithName("VerifyDraw")
            .WithSummary("Re-derives the draw from its published record (seed against commitment, eligible list, strata, sample, assignment), as `ssj draw verify` does.");
        return app;
    }

    /// <summary>The ledger lines of tasks the account's departments initiated.</summary>
    public static IQueryable<DrawLedgerEntry> Visible(HubDbContext db, VisibleDepartments visible)
    {
        if (visible.IsProvince)
        {
            return db.Draws.AsNoTracking();
        }

        var tasks = visible.Filter(db.Tasks.AsNoTracking(), t => t.InitiatingDepartmentCode).Select(t => t.TaskNumber);
        return db.Draws.AsNoTracking().Where(d => tasks.Contains(d.TaskNumber));
    }

    public static async Task<Ok<List<DrawSummary>>> ListAsync(HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken, string? task = null)
    {
        var query = Visible(db, visible);
        if (task is not null)
        {
            query = query.Where(d => d.TaskNumber == task);
        }

        var rows = await query.OrderByDescending(d => d.Id).Take(PageQuery.MaxPageSize)
            .Select(d => new DrawSummary(d.Id, d.TaskNumber, d.DrawnAt, d.Algorithm, d.EligibleHash, d.EligibleCount, d.DrawnCount, d.Refused))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows);
    }

    /// <summary>The verifier's verdict on one published record.</summary>
    public sealed record Verification(long Id, bool Match, string? FirstDifference);

    public static async Task<Results<Ok<Verification>, NotFound>> VerifyAsync(long id, HubDbContext db, VisibleDepartments visible, RequestAudit audit, CancellationToken cancellationToken)
    {
        if (await Visible(db, visible).Where(d => d.Id == id).Select(d => d.RecordJson).FirstOrDefaultAsync(cancellationToken) is not { } json)
        {
            return TypedResults.NotFound();
        }

        Draw.Records.DrawVerifier.Verdict verdict;
        try
        {
            verdict = Draw.Records.DrawVerifier.Verify(Draw.Records.DrawRecord.FromJson(json));
        }
        catch (System.Text.Json.JsonException ex)
        {
            verdict = new Draw.Records.DrawVerifier.Verdict($"the published record cannot be read: {ex.Message}");
        }

        await audit.RecordAsync(AuditActs.DrawVerify, $"draw {id}", verdict.Match ? "MATCH" : $"MISMATCH: {verdict.FirstDifference}");
        return TypedResults.Ok(new Verification(id, verdict.Match, verdict.FirstDifference));
    }

    public static async Task<Results<ContentHttpResult, NotFound>> GetAsync(long id, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        await Visible(db, visible).Where(d => d.Id == id).Select(d => d.RecordJson).FirstOrDefaultAsync(cancellationToken) is { } json
            ? TypedResults.Content(json, "application/json; charset=utf-8")
            : TypedResults.NotFound();
}
