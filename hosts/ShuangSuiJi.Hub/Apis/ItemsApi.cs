using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for inspection items (抽查事项), within the account's departments (by owner department).</summary>
internal static class ItemsApi
{
    public static IEndpointRouteBuilder MapItemsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/items").WithTags("Items").ScopedByDepartment("the owner department");
        group.MapGet("/", ListAsync).WithName("ListItems").WithSummary("List inspection items (抽查事项) owned by the account's departments, paged, filtered by department, region and update time.");
        group.MapGet("/{code}", GetAsync).WithName("GetItems").WithSummary("One record by its natural key; 404 outside the account's departments.");
        return app;
    }

    public static Task<Results<Ok<Page<InspectionItem>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<InspectionItem>(),
            (visible, r => r.OwnerDepartmentCode),
            (q, department) => q.Where(r => r.OwnerDepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.OwnerDepartmentCode)),
            q => q.OrderBy(r => r.Code),
            cancellationToken);

    public static async Task<Results<Ok<InspectionItem>, NotFound>> GetAsync(
        string code, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        await visible.Filter(db.Set<InspectionItem>().AsNoTracking(), r => r.OwnerDepartmentCode).FirstOrDefaultAsync(r => r.Code == code, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
