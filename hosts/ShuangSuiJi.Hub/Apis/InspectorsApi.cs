using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for inspectors (执法检查人员); ID and phone numbers come out masked.</summary>
internal static class InspectorsApi
{
    public static IEndpointRouteBuilder MapInspectorsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/inspectors").WithTags("Inspectors");
        group.MapGet("/", ListAsync).WithName("ListInspectors").WithSummary("List inspectors (执法检查人员), paged, filtered by department, region and update time.");
        group.MapGet("/{certificateNumber}", GetAsync).WithName("GetInspectors").WithSummary("One record by its natural key.");
        return app;
    }

    public static Task<Results<Ok<Page<Inspector>>, ValidationProblem>> ListAsync([AsParameters] PageQuery query, HubDbContext db, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<Inspector>(),
            (q, department) => q.Where(r => r.DepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.DepartmentCode)),
            q => q.OrderBy(r => r.CertificateNumber),
            cancellationToken);

    public static async Task<Results<Ok<Inspector>, NotFound>> GetAsync(string certificateNumber, HubDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Inspector>().AsNoTracking().FirstOrDefaultAsync(r => r.CertificateNumber == certificateNumber, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
