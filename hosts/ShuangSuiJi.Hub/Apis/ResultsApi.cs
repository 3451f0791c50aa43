using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for inspection results (检查结果), keyed by task number + target code + department code, within the account's departments.</summary>
internal static class ResultsApi
{
    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/results").WithTags("Results").ScopedByDepartment("the inspecting department");
        group.MapGet("/", ListAsync).WithName("ListResults").WithSummary("List inspection results of the account's departments, paged, filtered by department, region, update time and task.");
        group.MapGet("/{taskNumber}/{targetCreditCode}/{departmentCode}", GetAsync).WithName("GetResult").WithSummary("One result by its natural key; 404 outside the account's departments.");
        return app;
    }

    public static Task<Results<Ok<Page<InspectionResult>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken, string? task = null) =>
        Paging.ListAsync(
            query,
            task is null ? db.Results : db.Results.Where(r => r.TaskNumber == task),
            (visible, r => r.DepartmentCode),
            (q, department) => q.Where(r => r.DepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.DepartmentCode)),
            q => q.OrderBy(r => r.TaskNumber).ThenBy(r => r.TargetCreditCode).ThenBy(r => r.DepartmentCode),
            cancellationToken);

    public static async Task<Results<Ok<InspectionResult>, NotFound>> GetAsync(
        string taskNumber, string targetCreditCode, string departmentCode, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        await visible.Filter(db.Set<InspectionResult>().AsNoTracking(), r => r.DepartmentCode).FirstOrDefaultAsync(r => r.TaskNumber == taskNumber && r.TargetCreditCode == targetCreditCode && r.DepartmentCode == departmentCode, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
