using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for inspectors (执法检查人员), within the account's departments; ID and phone numbers come out masked.</summary>
internal static class InspectorsApi
{
    public static IEndpointRouteBuilder MapInspectorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inspectors").WithTags("Inspectors").ScopedByDepartment("the inspector's department");
        group.MapGet("/", ListAsync).WithName("ListInspectors").WithSummary("List inspectors (执法检查人员) of the account's departments, paged, filtered by department, region and update time.");
        group.MapGet("/{certificateNumber}", GetAsync).WithName("GetInspectors").WithSummary("One record by its natural key; 404 outside the account's departments.");
        return app;
    }

    public static Task<Results<Ok<Page<Inspector>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<Inspector>(),
            (visible, r => r.DepartmentCode),
            (q, department) => q.Where(r => r.DepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.DepartmentCode)),
            q => q.OrderBy(r => r.CertificateNumber),
            cancellationToken);

    public static async Task<Results<Ok<Inspector>, NotFound>> GetAsync(
        string certificateNumber, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        await visible.Filter(db.Set<Inspector>().AsNoTracking(), r => r.DepartmentCode).FirstOrDefaultAsync(r => r.CertificateNumber == certificateNumber, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
