using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>The part every read endpoint shares: validate the query, apply the department scope and the common filters, page in key order.</summary>
internal static class Paging
{
    /// <param name="scope">
    /// The account's departments and how a record names its department; <see langword="null"/> only for a kind that
    /// has no department (the endpoint then says <c>ProvinceWide</c> and why).
    /// </param>
    public static async Task<Results<Ok<Page<T>>, ValidationProblem>> ListAsync<T>(
        PageQuery query,
        IQueryable<T> source,
        (VisibleDepartments Visible, Expression<Func<T, string?>> Department)? scope,
        Func<IQueryable<T>, string, IQueryable<T>> byDepartment,
        Func<IQueryable<T>, string, IQueryable<T>> byRegionPrefix,
        Func<IQueryable<T>, IOrderedQueryable<T>> order,
        CancellationToken cancellationToken)
        where T : class, ICanonicalRecord
    {
        var problems = query.Problems();
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        var filtered = source.AsNoTracking();
        if (scope is { } scoped)
        {
            filtered = scoped.Visible.Filter(filtered, scoped.Department);
        }

        if (!string.IsNullOrWhiteSpace(query.Department))
        {
            filtered = byDepartment(filtered, query.Department);
        }

        if (query.RegionPrefix is { } prefix)
        {
            filtered = byRegionPrefix(filtered, prefix);
        }

        if (query.UpdatedSince is { } since)
        {
            filtered = filtered.Where(r => r.Provenance.ReceivedAt >= since);
        }

        var total = await filtered.LongCountAsync(cancellationToken);
        var items = await order(filtered)
            .Skip((query.EffectivePage - 1) * query.EffectivePageSize)
            .Take(query.EffectivePageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<T>(items, query.EffectivePage, query.EffectivePageSize, total));
    }

    /// <summary>Departments whose region lies inside the prefix; kinds without a region of their own filter through them.</summary>
    public static IQueryable<string> DepartmentsIn(HubDbContext db, string regionPrefix) =>
        db.Departments.Where(d => d.RegionCode.StartsWith(regionPrefix)).Select(d => d.Code);
}
