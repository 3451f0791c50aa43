using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Read API for users (用户), within the account's departments.</summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").ScopedByDepartment("the user's department");
        group.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("List users (用户) of the account's departments, paged, filtered by department, region and update time.");
        group.MapGet("/{loginName}", GetAsync).WithName("GetUsers").WithSummary("One record by its natural key; 404 outside the account's departments.");
        return app;
    }

    public static Task<Results<Ok<Page<User>>, ValidationProblem>> ListAsync(
        [AsParameters] PageQuery query, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        Paging.ListAsync(
            query,
            db.Set<User>(),
            (visible, r => r.DepartmentCode),
            (q, department) => q.Where(r => r.DepartmentCode == department),
            (q, prefix) => q.Where(r => Paging.DepartmentsIn(db, prefix).Contains(r.DepartmentCode)),
            q => q.OrderBy(r => r.LoginName),
            cancellationToken);

    public static async Task<Results<Ok<User>, NotFound>> GetAsync(
        string loginName, HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken) =>
        await visible.Filter(db.Set<User>().AsNoTracking(), r => r.DepartmentCode).FirstOrDefaultAsync(r => r.LoginName == loginName, cancellationToken) is { } record
            ? TypedResults.Ok(record)
            : TypedResults.NotFound();
}
