using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for annual plans (抽查计划), within the account's departments (by initiating department).</summary>
internal static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans").ScopedByDepartment("the initiating department");
        group.MapGet("/", ListAsync).WithName("ListPlans").WithSummary("List annual plans (抽查计划) initiated by the account's departments, paged, filtered by department, region and update time.");
        group.MapGet("/{code}", GetAsync).WithName("GetPlans").WithSummary("One record by its natural key; 404 outside the account's departments.");
        return app;
    }

    public static Task<Results<Ok<Page<Plan>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<Plan>(),
            (visible, r => r.InitiatingDepartmentCode),
            (q, department) => q.Where(r => r.InitiatingDepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.InitiatingDepartmentCode)),
            q => q.OrderBy(r => r.Code),
            cancellationToken);

    public static async Task<Results<Ok<Plan>, NotFound>> GetAsync(
        string code, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        await visible.Filter(db.Set<Plan>().AsNoTracking(), r => r.InitiatingDepartmentCode).FirstOrDefaultAsync(r => r.Code == code, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
