using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for annual plans (抽查计划); the department filter matches the initiating department.</summary>
internal static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans");
        group.MapGet("/", ListAsync).WithName("ListPlans").WithSummary("List annual plans (抽查计划), paged, filtered by department, region and update time.");
        group.MapGet("/{code}", GetAsync).WithName("GetPlans").WithSummary("One record by its natural key.");
        return app;
    }

    public static async Task<Results<Ok<Page<Plan>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, DepartmentScope scopes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A department-scoped account sees its department's and its sub-departments' records only.
        var source = db.Set<Plan>().AsQueryable();
        if (await scopes.ResolveAsync(user, cancellationToken) is { } scope)
        {
            var codes = scope.ToArray();
            source = source.Where(r => codes.Contains(r.InitiatingDepartmentCode));
        }

        return await Paging.ListAsync(
            query,
            source,
            (q, department) => q.Where(r => r.InitiatingDepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.InitiatingDepartmentCode)),
            q => q.OrderBy(r => r.Code),
            cancellationToken);
    }

    public static async Task<Results<Ok<Plan>, NotFound>> GetAsync(string code, HubDbContext db, DepartmentScope scopes, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Set<Plan>().AsNoTracking().FirstOrDefaultAsync(r => r.Code == code, cancellationToken) is { } record
            && DepartmentScope.Allows(await scopes.ResolveAsync(user, cancellationToken), record.InitiatingDepartmentCode)
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
