using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for targets (检查对象); the department filter matches the registration authority.</summary>
internal static class TargetsApi
{
    public static IEndpointRouteBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/targets").WithTags("Targets")
            .ProvinceWide("Targets are the public register of market entities (公示信息): every department draws from and inspects the whole province's list; the registration authority is not an owner.");
        group.MapGet("/", ListAsync).WithName("ListTargets").WithSummary("List targets (检查对象), paged, filtered by department, region and update time.");
        group.MapGet("/{creditCode}", GetAsync).WithName("GetTargets").WithSummary("One record by its natural key.");
        return app;
    }

    public static Task<Results<Ok<Page<Target>>, ValidationProblem>> ListAsync([AsParameters] PageQuery query, HubDbContext db, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<Target>(),
            scope: null,
            (q, department) => q.Where(r => r.RegistrationAuthorityCode == department),
            (q, prefix) => q.Where(r => r.RegionCode.StartsWith(prefix)),
            q => q.OrderBy(r => r.CreditCode),
            cancellationToken);

    public static async Task<Results<Ok<Target>, NotFound>> GetAsync(string creditCode, HubDbContext db, CancellationToken cancellationToken) =>
        await db.Set<Target>().AsNoTracking().FirstOrDefaultAsync(r => r.CreditCode == creditCode, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
