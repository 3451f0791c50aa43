using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for departments (部门): an account sees its own department and the departments below it.</summary>
internal static class DepartmentsApi
{
    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/departments").WithTags("Departments").ScopedByDepartment("the department itself: the account's subtree");
        group.MapGet("/", ListAsync).WithName("ListDepartments").WithSummary("List departments (部门) in the account's subtree, paged, filtered by department, region and update time.");
        group.MapGet("/{code}", GetAsync).WithName("GetDepartments").WithSummary("One record by its natural key; 404 outside the account's subtree.");
        return app;
    }

    public static Task<Results<Ok<Page<Department>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<Department>(),
            (visible, r => r.Code),
            (q, department) => q.Where(r => r.Code == department || r.ParentCode == department),
            (q, prefix) => q.Where(r => r.RegionCode.StartsWith(prefix)),
            q => q.OrderBy(r => r.Code),
            cancellationToken);

    public static async Task<Results<Ok<Department>, NotFound>> GetAsync(
        string code, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        await visible.Filter(db.Set<Department>().AsNoTracking(), r => r.Code).FirstOrDefaultAsync(r => r.Code == code, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
