using Microsoft.AspNetCore.Http.HttpResults;
using ShuangSuiJi.Hub.Auditing;
using ShuangSuiJi.Planning;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Upload of an annual plan spreadsheet: the same import as <c>ssj plan import</c>, answered as JSON.</summary>
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
            .WithSummary("Upload an annual plan sheet (.xlsx, or .csv in UTF-8/GB18030): plans and every finding; save=true stores the fully resolved lines with their tasks.")
            .DisableAntiforgery() // called by machine clients and tools, not a browser form; access control arrives with the security work
            .Accepts<IFormFile>("multipart/form-data");
        return app;
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
