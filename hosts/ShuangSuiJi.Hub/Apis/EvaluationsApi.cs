using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for evaluations (检查对象评价), within the account's departments; one without a department is seen by province accounts only.</summary>
internal static class EvaluationsApi
{
    public static IEndpointRouteBuilder MapEvaluationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/evaluations").WithTags("Evaluations").ScopedByDepartment("the evaluated department");
        group.MapGet("/", ListAsync).WithName("ListEvaluations").WithSummary("List evaluations (检查对象评价) of the account's departments, paged, filtered by department, region and update time.");
        group.MapGet("/{id}", GetAsync).WithName("GetEvaluations").WithSummary("One record by its natural key; 404 outside the account's departments.");
        return app;
    }

    public static Task<Results<Ok<Page<Evaluation>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<Evaluation>(),
            (visible, r => r.DepartmentCode),
            (q, department) => q.Where(r => r.DepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.DepartmentCode!)),
            q => q.OrderBy(r => r.Id),
            cancellationToken);

    public static async Task<Results<Ok<Evaluation>, NotFound>> GetAsync(
        string id, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        await visible.Filter(db.Set<Evaluation>().AsNoTracking(), r => r.DepartmentCode).FirstOrDefaultAsync(r => r.Id == id, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
