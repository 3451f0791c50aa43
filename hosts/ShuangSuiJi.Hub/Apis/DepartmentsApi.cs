using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for departments (部门).</summary>
internal static class DepartmentsApi
{
    public static IEndpointRouteBuilder MapDepartmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/departments").WithTags("Departments");
        group.MapGet("/", ListAsync).WithName("ListDepartments").WithSummary("List departments (部门), paged, filtered by department, region and update time.");
        group.MapGet("/{code}", GetAsync).WithName("GetDepartments").WithSummary("One record by its natural key.");
        return app;
    }

    public static Task<Results<Ok<Page<Department>>, ValidationProblem>> ListAsync([AsParameters] PageQuery query, HubDbContext db, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<Department>(),
            (q, department) => q.Where(r => r.Code == department || r.ParentCode == department),
            (q, prefix) => q.Where(r => r.RegionCode.StartsWith(prefix)),
            q => q.OrderBy(r => r.Code),
            cancellationToken);

    public static async Task<Results<Ok<Department>, NotFound>> GetAsync(string code, HubDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Department>().AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
