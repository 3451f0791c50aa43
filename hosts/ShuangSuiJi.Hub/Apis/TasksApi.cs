using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for tasks (抽查任务), within the account's departments (by initiating department).</summary>
internal static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").ScopedByDepartment("the initiating department");
        group.MapGet("/", ListAsync).WithName("ListTasks").WithSummary("List tasks (抽查任务) initiated by the account's departments, paged, filtered by department, region and update time.");
        group.MapGet("/{taskNumber}", GetAsync).WithName("GetTasks").WithSummary("One record by its natural key; 404 outside the account's departments.");
        return app;
    }

    public static Task<Results<Ok<Page<InspectionTask>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<InspectionTask>(),
            (visible, r => r.InitiatingDepartmentCode),
            (q, department) => q.Where(r => r.InitiatingDepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.InitiatingDepartmentCode)),
            q => q.OrderBy(r => r.TaskNumber),
            cancellationToken);

    public static async Task<Results<Ok<InspectionTask>, NotFound>> GetAsync(
        string taskNumber, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        await visible.Filter(db.Set<InspectionTask>().AsNoTracking(), r => r.InitiatingDepartmentCode).FirstOrDefaultAsync(r => r.TaskNumber == taskNumber, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
