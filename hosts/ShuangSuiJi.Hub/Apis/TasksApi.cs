using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
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

    public static Task<Results<Ok<Page<InspectionTask>>, ValidationProblem>> ListAsync([AsParameters] PageQuery query, HubDbContext db, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<InspectionTask>(),
            (q, department) => q.Where(r => r.InitiatingDepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.InitiatingDepartmentCode)),
            q => q.OrderBy(r => r.TaskNumber),
            cancellationToken);

    public static async Task<Results<Ok<InspectionTask>, NotFound>> GetAsync(string taskNumber, HubDbContext db, CancellationToken cancellationToken) =>
        await db.Set<InspectionTask>().AsNoTracking().FirstOrDefaultAsync(r => r.TaskNumber == taskNumber, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
