using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Hub.Apis;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Auditing;

/// <summary>
/// The audit trail (审计日志) for administrators: its entries, the SM3 chain's verification and an export. Every
/// endpoint here needs the Administrator role, reads included (<see cref="Access.AccessRequirement"/>).
/// </summary>
internal static class AuditApi
{
    /// <summary>What <c>/api/audit/verify</c> answers; the shape of <c>ssj audit verify --json</c>.</summary>
    public sealed record VerifyResponse(bool Intact, long Checked, long? First, long? Last, string? HeadHash, AuditBreak? Break);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit")
            .ProvinceAccountsOnly("The audit trail records the acts of every department.");
        group.MapGet("/", ListAsync).WithName("ListAuditEntries")
            .WithSummary("The audit trail, newest first, filtered by act, actor (exact) and period (from inclusive, to exclusive), a page at a time. Administrators only.");
        group.MapGet("/verify", VerifyAsync).WithName("VerifyAuditTrail")
            .WithSummary("Recomputes the SM3 chain from the oldest kept entry to the head, as `ssj audit verify` does, and names the first broken entry. Administrators only.");
        group.MapGet("/export", ExportAsync).WithName("ExportAuditTrail")
            .WithSummary("The entries of a period with every hashed field, as CSV or Excel (format=csv|xlsx). The export is itself audited. Administrators only.");
        return app;
    }

    public static async Task<IResult> ListAsync(
        HubDbContext db, CancellationToken cancellationToken, string? act = null, string? actor = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        int page = 1, int pageSize = PageQuery.DefaultPageSize)
    {
        if (page < 1 || pageSize is < 1 or > PageQuery.MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [page < 1 ? "page" : "pageSize"] = [$"page must be 1 or more and pageSize 1 to {PageQuery.MaxPageSize}"] });
        }

        var query = db.AuditEntries.AsNoTracking();
        query = string.IsNullOrWhiteSpace(act) ? query : query.Where(e => e.Act == act);
        query = string.IsNullOrWhiteSpace(actor) ? query : query.Where(e => e.Actor == actor);
        query = from is { } start ? query.Where(e => e.At >= start) : query;
        query = to is { } end ? query.Where(e => e.At < end) : query;
        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderByDescending(e => e.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<AuditEntry>(items, page, pageSize, total));
    }

    public static async Task<IResult> VerifyAsync(HubDbContextFactory factory, CancellationToken cancellationToken)
    {
        var result = await AuditVerifier.VerifyAsync(factory, null, null, cancellationToken);
        return TypedResults.Ok(new VerifyResponse(result.Intact, result.Checked, result.First, result.Last, result.HeadHash, result.Break));
    }

    public static async Task<IResult> ExportAsync(
        HubDbContextFactory factory, RequestAudit audit, TimeProvider clock, CancellationToken cancellationToken, string format = "csv", DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        AuditExportFormat? chosen = format.ToLowerInvariant() switch
        {
            "csv" => AuditExportFormat.Csv,
            "xlsx" => AuditExportFormat.Xlsx,
            _ => null,
        };
        if (chosen is not { } kind)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = [$"format must be csv or xlsx, not '{format}'"] });
        }

        // The export reads the store synchronously and streams rows out; a temporary file takes them so the response
        // is written asynchronously (and the trail is never held in memory), and is deleted when the response closes.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose);
        long count;
        try
        {
            count = await Task.Run(() => AuditExport.Write(factory, file, kind, from, to), cancellationToken);
            file.Position = 0;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        var extension = kind == AuditExportFormat.Xlsx ? "xlsx" : "csv";
        var name = string.Create(CultureInfo.InvariantCulture, $"audit-{clock.GetUtcNow():yyyyMMdd-HHmmss}.{extension}");
        await audit.RecordAsync(AuditActs.Export, "audit", string.Create(CultureInfo.InvariantCulture,
            $"{count} entries to {name}; from {from?.ToString("O", CultureInfo.InvariantCulture) ?? "the start"} to {to?.ToString("O", CultureInfo.InvariantCulture) ?? "now"}"));
        var contentType = kind == AuditExportFormat.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
        return TypedResults.File(file, contentType, name);
    }
}
