using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Hub.Auditing;
using ShuangSuiJi.Planning;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Upload of an annual plan spreadsheet (the same import as <c>ssj plan import</c>, answered as JSON) and its export (as <c>ssj plan export</c>).</summary>
internal static class PlanImportApi
{
    /// <summary>The answer: the <c>--json</c> shape, plus what was saved.</summary>
    public sealed record ImportResponse(IReadOnlyList<ImportedPlan> Plans, IReadOnlyList<PlanFinding> Findings, IReadOnlyList<SavedPlanResponse> Saved);

    public sealed record SavedPlanResponse(int Number, string PlanCode, IReadOnlyList<string> TaskNumbers);

    public static IEndpointRouteBuilder MapPlanImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/plans/import", ImportAsync)
            .WithTags("Plans")
            .WithName("ImportPlans")
            .ProvinceAccountsOnly("A plan sheet may hold plans of any department.")
            .WithSummary("Upload an annual plan sheet (.xlsx, or .csv in UTF-8/GB18030): plans and every finding; save=true stores the fully resolved lines with their tasks.")
            // Machine clients post it too; browsers are covered by the session cookie being SameSite=Strict.
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        app.MapGet("/api/plans/export", ExportAsync)
            .WithTags("Plans")
            .WithName("ExportPlans")
            .ScopedByDepartment("the initiating department")
            .WithSummary("The store's plans (optionally of one year and one initiating department) as the counties' .xlsx layout, ready to edit and upload again; only the plans the account may see.");
        return app;
    }

    public static async Task<IResult> ExportAsync(
        HubDbContext db, VisibleDepartments visible, RequestAudit audit, CancellationToken cancellationToken, int? year = null, string? department = null)
    {
        department = string.IsNullOrWhiteSpace(department) ? null : department.Trim();
        var plans = visible.Filter(db.Plans.AsQueryable(), p => p.InitiatingDepartmentCode);

        if (year is { } y)
        {
            plans = plans.Where(p => p.Year == y);
        }

        if (department is not null)
        {
            plans = plans.Where(p => p.InitiatingDepartmentCode == department);
        }

        var lines = await CanonicalPlans.SheetLinesAsync(db, plans, cancellationToken);
        var buffer = new MemoryStream();
        PlanSheetWriter.WriteXlsx(buffer, lines);
        buffer.Position = 0;
        var name = string.Create(CultureInfo.InvariantCulture, $"plans{(year is { } n ? "-" + n : "")}{(department is null ? "" : "-" + department)}.xlsx");
        await audit.RecordAsync(AuditActs.Export, "plans", string.Create(CultureInfo.InvariantCulture, $"{lines.Count} plan(s) to {name}"));
        return TypedResults.File(buffer, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    public static async Task<Results<Ok<ImportResponse>, ValidationProblem>> ImportAsync(
        IFormFile file, PlanImportService service, RequestAudit audit, CancellationToken cancellationToken, string? region = null, bool save = false, int? year = null)
    {
        IReadOnlyList<string[]> rows;
        try
        {
            await using var stream = file.OpenReadStream();
            rows = PlanSheet.Read(stream, file.FileName);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidDataException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [ex.Message] });
        }

        if (region is not null && Core.Codes.RegionCode.Problem(region) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["region"] = [problem] });
        }

        var outcome = await service.ImportAsync(rows, region, save, year, cancellationToken);
        await audit.RecordAsync(AuditActs.PlanImport, file.FileName, PlanImportAudit.Detail(outcome, save), PlanImportAudit.Refused(outcome));
        return TypedResults.Ok(new ImportResponse(outcome.Result.Plans, outcome.Result.Findings,
            [.. outcome.Saved.Select(s => new SavedPlanResponse(s.Number, s.PlanCode, [.. s.Tasks.Select(t => t.TaskNumber)]))]));
    }
}
