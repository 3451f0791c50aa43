using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for tasks (抽查任务); the department filter matches the initiating department.</summary>
internal static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks");
        group.MapGet("/", ListAsync).WithName("ListTasks").WithSummary("List tasks (抽查任务), paged, filtered by department, region and update time.");
        group.MapGet("/{taskNumber}", GetAsync).WithName("GetTasks").WithSummary("One record by its natural key.");
        return app;
    }

    public static async Task<Results<Ok<Page<InspectionTask>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, DepartmentScope scopes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A department-scoped account sees its department's and its sub-departments' records only.
        var source = db.Set<InspectionTask>().AsQueryable();
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
            q => q.OrderBy(r => r.TaskNumber),
            cancellationToken);
    }

    public static async Task<Results<Ok<InspectionTask>, NotFound>> GetAsync(string taskNumber, HubDbContext db, DepartmentScope scopes, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Set<InspectionTask>().AsNoTracking().FirstOrDefaultAsync(r => r.TaskNumber == taskNumber, cancellationToken) is { } record
            && DepartmentScope.Allows(await scopes.ResolveAsync(user, cancellationToken), record.InitiatingDepartmentCode)
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
