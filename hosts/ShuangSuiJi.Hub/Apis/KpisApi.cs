using Microsoft.AspNetCore.Http.HttpResults;
using ShuangSuiJi.Core;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Planning.Kpis;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>The administrators' figures (抽查户次占比, 联合抽查率, 按时公示率, 问题处置率, 人员入库率) per department, region and period.</summary>
internal static class KpisApi
{
    public static IEndpointRouteBuilder MapKpisApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/kpis", GetAsync).WithTags("KPIs").WithName("GetKpis").ScopedByDepartment("the department asked for (403 outside the account's departments)")
            .WithSummary("KPIs for one department or every department of a region, over a period (default: this calendar year); definitions in docs/kpis.md.");
        return app;
    }

    public static async Task<Results<Ok<KpiReport>, ValidationProblem, ProblemHttpResult>> GetAsync(
        KpiService service, TimeProvider timeProvider, VisibleDepartments visible, CancellationToken cancellationToken,
        string? department = null, string? region = null, DateOnly? from = null, DateOnly? to = null)
    {
        var today = ChinaTime.Today(timeProvider);
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? new DateOnly(today.Year, 12, 31);
        var problems = new Dictionary<string, string[]>();
        if (region is not null && Core.Codes.RegionCode.Problem(region) is { } regionProblem)
        {
            problems["region"] = [regionProblem];
        }

        if (end < start)
        {
            problems["to"] = [$"{end:yyyy-MM-dd} is before from {start:yyyy-MM-dd}"];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        // A department-scoped account asks for its own department by default, and for nothing outside its scope.
        if (!visible.IsProvince)
        {
            department ??= region is null ? visible.Root : null;
            if (!visible.Allows(department))
            {
                return TypedResults.Problem(
                    $"This account sees department {visible.Root} and the departments below it only; ask for one of them by department.",
                    statusCode: StatusCodes.Status403Forbidden);
            }
        }

        return TypedResults.Ok(await service.ComputeAsync(department, region, start, end, cancellationToken));
    }
}
