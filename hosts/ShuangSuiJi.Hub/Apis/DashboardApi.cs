using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Aggregates the dashboard draws: exchange volumes and partner health over a window, warning lights per department.</summary>
internal static class DashboardApi
{
    /// <summary>A partner's health over the window.</summary>
    public sealed record PartnerHealth(
        string Partner, long Exchanges, long Failed, double? ErrorRate, double? AverageMs, int? P95Ms, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastFailureAt,
        bool Interrupted, long DeadLettered, long Pending, long Rejected);

    /// <summary>Exchanges of one partner, kind and direction per time bucket.</summary>
    public sealed record VolumeSeries(string Partner, string Kind, ExchangeDirection Direction, IReadOnlyList<long> Counts);

    public sealed record ExchangeOverview(DateTimeOffset From, DateTimeOffset To, int BucketMinutes, IReadOnlyList<DateTimeOffset> Buckets, IReadOnlyList<PartnerHealth> Partners, IReadOnlyList<VolumeSeries> Series);

    public sealed record LightCounts(int Green, int Yellow, int Red);

    public sealed record DepartmentLights(string Department, string Name, string RegionCode, LightCounts Plans, LightCounts Tasks);

    /// <summary>A task with its light, for the list of late and nearly late tasks.</summary>
    public sealed record TaskLight(string TaskNumber, string Name, string PlanCode, string InitiatingDepartmentCode, DateOnly WindowStart, DateOnly WindowEnd, InspectionTaskStatus Status, WarningLight WarningLight);

    /// <summary>The last exchanges of a partner that all failed mark it interrupted (the partner clients' circuit breakers are per process; this is what the store shows).</summary>
    public const int InterruptedAfterFailures = 3;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboard").WithTags("Dashboard");
        group.MapGet("/exchanges", ExchangesAsync).WithName("GetExchangeOverview")
            .WithSummary("Per partner over the last hours: exchanges, failures, error rate, latency, last success, dead letters, rejections; volumes per partner, kind and direction per bucket.")
            .ProvinceWide("Counts and latencies per partner system: the health of the exchanges, which belongs to no department.");
        group.MapGet("/lights", LightsAsync).WithName("GetWarningLights")
            .WithSummary("Green, yellow and red plans and tasks per department, within the account's department scope.")
            .ScopedByDepartment("the initiating department of plans and tasks");
        group.MapGet("/tasks", TasksAsync).WithName("ListTasksByLight")
            .WithSummary("Tasks of one warning light (default: red), within the account's department scope, paged.")
            .ScopedByDepartment("the initiating department");
        return app;
    }

    /// <summary>Exchanges of one partner, kind and direction in one bucket, as the store counts them.</summary>
    private sealed record BucketCount(int Bucket, string Partner, string Kind, ExchangeDirection Direction, long Count);

    public static async Task<IResult> ExchangesAsync(HubDbContext db, TimeProvider timeProvider, CancellationToken cancellationToken, int hours = 24)
    {
        if (hours is < 1 or > 24 * 31)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["hours"] = ["must be 1 to 744"] });
        }

        var to = timeProvider.GetUtcNow();
        var from = to.AddHours(-hours);
        var bucketMinutes = hours <= 6 ? 10 : hours <= 48 ? 60 : 360;
        var bucketCount = (int)Math.Ceiling(hours * 60.0 / bucketMinutes);
        var buckets = Enumerable.Range(0, bucketCount).Select(i => from.AddMinutes(i * bucketMinutes)).ToList();
        var window = db.ExchangeLog.AsNoTracking().Where(e => e.StartedAt >= from);

        var health = new List<PartnerHealth>();
        foreach (var figures in await PartnerFigures.ReadAsync(db, from, cancellationToken))
        {
            var own = window.Where(e => e.Partner == figures.Partner);
            // The 95th percentile by rank, as before: the ceil(0.95 n)-th smallest duration.
            int? p95 = figures.Exchanges == 0
                ? null
                : await own.OrderBy(e => e.DurationMs).Skip((int)Math.Ceiling(figures.Exchanges * 0.95) - 1).Select(e => e.DurationMs).FirstAsync(cancellationToken);
            var latest = await own.OrderByDescending(e => e.StartedAt).ThenByDescending(e => e.Id).Take(InterruptedAfterFailures).Select(e => e.Status).ToListAsync(cancellationToken);
            health.Add(new PartnerHealth(
                figures.Partner, figures.Exchanges, figures.Failed, figures.Exchanges == 0 ? null : figures.Failed / (double)figures.Exchanges, figures.AverageMs, p95,
                figures.LastSuccessAt, figures.LastFailureAt, latest.Count == InterruptedAfterFailures && latest.All(s => s == "failed"),
                figures.DeadLettered, figures.Pending, figures.Rejected));
        }

        // One grouped SELECT per bucket, sent as one UNION ALL: the store counts, whatever the provider's date arithmetic.
        // Anonymous rows, not records: EF Core translates a set operation only over a projection it can see through.
        var inBucket = (int bucket) =>
        {
            var rows = window;
            if (bucket > 0)
            {
                var start = buckets[bucket];
                rows = rows.Where(e => e.StartedAt >= start);
            }

            if (bucket + 1 < bucketCount)
            {
                var end = buckets[bucket + 1];
                rows = rows.Where(e => e.StartedAt < end); // the last bucket also takes anything logged since "to" was read
            }

            return rows.GroupBy(e => new { e.Partner, e.Kind, e.Direction })
                .Select(g => new { Bucket = bucket, g.Key.Partner, g.Key.Kind, g.Key.Direction, Count = g.LongCount() });
        };
        var rows = (await Enumerable.Range(0, bucketCount).Select(inBucket).Aggregate((all, next) => all.Concat(next)).ToListAsync(cancellationToken))
            .Select(r => new BucketCount(r.Bucket, r.Partner, r.Kind, r.Direction, r.Count))
            .ToList();
        var series = rows.GroupBy(r => (r.Partner, r.Kind, r.Direction))
            .OrderBy(g => g.Key.Partner, StringComparer.Ordinal).ThenBy(g => g.Key.Kind, StringComparer.Ordinal).ThenBy(g => g.Key.Direction)
            .Select(g =>
            {
                var perBucket = new long[bucketCount];
                foreach (var row in g)
                {
                    perBucket[row.Bucket] += row.Count;
                }

                return new VolumeSeries(g.Key.Partner, g.Key.Kind, g.Key.Direction, perBucket);
            })
            .ToList();
        return TypedResults.Ok(new ExchangeOverview(from, to, bucketMinutes, buckets, health, series));
    }

    public static async Task<IResult> LightsAsync(HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken)
    {
        var plans = await visible.Filter(db.Plans.AsNoTracking(), p => p.InitiatingDepartmentCode).GroupBy(p => new { p.InitiatingDepartmentCode, p.WarningLight })
            .Select(g => new { Department = g.Key.InitiatingDepartmentCode, Light = g.Key.WarningLight, Count = g.Count() }).ToListAsync(cancellationToken);
        var tasks = await visible.Filter(db.Tasks.AsNoTracking(), t => t.InitiatingDepartmentCode).GroupBy(t => new { t.InitiatingDepartmentCode, t.WarningLight })
            .Select(g => new { Department = g.Key.InitiatingDepartmentCode, Light = g.Key.WarningLight, Count = g.Count() }).ToListAsync(cancellationToken);
        var codes = plans.Select(p => p.Department).Concat(tasks.Select(t => t.Department)).ToHashSet(StringComparer.Ordinal);
        var departments = await db.Departments.AsNoTracking().Where(d => codes.Contains(d.Code)).Select(d => new { d.Code, d.Name, d.RegionCode }).ToListAsync(cancellationToken);
        LightCounts Count(IEnumerable<(WarningLight Light, int Count)> rows) =>
            new(rows.Where(r => r.Light == WarningLight.Green).Sum(r => r.Count), rows.Where(r => r.Light == WarningLight.Yellow).Sum(r => r.Count), rows.Where(r => r.Light == WarningLight.Red).Sum(r => r.Count));
        var result = departments.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => new DepartmentLights(
                d.Code, d.Name, d.RegionCode,
                Count(plans.Where(p => p.Department == d.Code).Select(p => (p.Light, p.Count))),
                Count(tasks.Where(t => t.Department == d.Code).Select(t => (t.Light, t.Count)))))
            .ToList();
        return TypedResults.Ok(result);
    }

    public static async Task<IResult> TasksAsync(
        HubDbContext db, VisibleDepartments visible, CancellationToken cancellationToken, WarningLight light = WarningLight.Red, string? department = null,
        int page = 1, int pageSize = PageQuery.DefaultPageSize)
    {
        if (page < 1 || pageSize is < 1 or > PageQuery.MaxPageSize)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [page < 1 ? "page" : "pageSize"] = [$"page must be 1 or more and pageSize 1 to {PageQuery.MaxPageSize}"] });
        }

        var query = visible.Filter(db.Tasks.AsNoTracking(), t => t.InitiatingDepartmentCode).Where(t => t.WarningLight == light);
        if (department is not null)
        {
            query = query.Where(t => t.InitiatingDepartmentCode == department);
        }

        var total = await query.LongCountAsync(cancellationToken);
        var items = await query.OrderBy(t => t.WindowEnd).ThenBy(t => t.TaskNumber).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(t => new TaskLight(t.TaskNumber, t.Name, t.PlanCode, t.InitiatingDepartmentCode, t.WindowStart, t.WindowEnd, t.Status, t.WarningLight))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<TaskLight>(items, page, pageSize, total));
    }
}
