using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Calendar;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Planning.Kpis;

/// <summary>
/// The administrators' figures of DOMAIN.md for a set of departments (one department, or every department in a
/// region) and a period, counted from the canonical store. Definitions in docs/kpis.md and in each figure.
/// </summary>
public sealed class KpiService(HubDbContextFactory factory, WorkingDayCalendar calendar, TimeProvider timeProvider)
{
    /// <param name="department">One department's figures; <see langword="null"/> to use <paramref name="regionCode"/>.</param>
    /// <param name="regionCode">Every department inside this region; <see langword="null"/> with no department means the whole store.</param>
    /// <param name="from">First day of the period.</param>
    /// <param name="to">Last day of the period.</param>
    public async Task<KpiReport> ComputeAsync(string? department, string? regionCode, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var asOf = ChinaTime.Today(timeProvider);
        var departments = db.Departments.AsNoTracking();
        if (department is not null)
        {
            departments = departments.Where(d => d.Code == department);
        }
        else if (regionCode is not null)
        {
            var prefix = Core.Codes.RegionCode.ScopePrefix(regionCode);
            departments = departments.Where(d => d.RegionCode.StartsWith(prefix));
        }

        var scope = await departments.Select(d => new { d.Code, d.RegionCode }).ToListAsync(cancellationToken);
        var codes = scope.Select(d => d.Code).ToList();
        var regionPrefixes = scope.Select(d => Core.Codes.RegionCode.ScopePrefix(d.RegionCode)).Distinct().ToList();

        // 1. 抽查户次占比
        var inspected = await db.Results.AsNoTracking()
            .Where(r => codes.Contains(r.DepartmentCode) && r.InspectedOn >= from && r.InspectedOn <= to)
            .Select(r => r.TargetCreditCode).Distinct().LongCountAsync(cancellationToken);
        long population = 0;
        foreach (var prefix in regionPrefixes.Where(p => !regionPrefixes.Any(o => o != p && p.StartsWith(o, StringComparison.Ordinal))))
        {
            population += await db.Targets.AsNoTracking()
                .Where(t => t.RegionCode.StartsWith(prefix) && (t.Status == RegistrationStatus.Existing || t.Status == RegistrationStatus.Suspended))
                .LongCountAsync(cancellationToken);
        }

        // 2. 部门联合双随机监管率
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => codes.Contains(t.InitiatingDepartmentCode) && t.WindowStart <= to && t.WindowEnd >= from)
            .Select(t => t.CooperatingDepartmentCodes).ToListAsync(cancellationToken);

        // 3, 4: results of the period
        var results = await db.Results.AsNoTracking()
            .Where(r => codes.Contains(r.DepartmentCode) && r.InspectedOn >= from && r.InspectedOn <= to)
            .Select(r => new { r.InspectedOn, r.PublicisedOn, r.Outcome, r.CaseLeadNumber })
            .ToListAsync(cancellationToken);
        var deadlines = new Deadlines(calendar);
        var due = results.Select(r => (r.PublicisedOn, Due: deadlines.PublicationDue(r.InspectedOn))).Where(r => r.PublicisedOn is not null || r.Due < asOf).ToList();
        var problems = results.Where(r => r.Outcome is ResultOutcome.ProblemOrderedToCorrect or ResultOutcome.ProblemPendingInvestigation
            or ResultOutcome.Unqualified or ResultOutcome.InformationNotPublicised or ResultOutcome.SeriouslyUncooperative).ToList();

        // 5. 执法检查人员入库率
        var roster = await db.Inspectors.AsNoTracking().Where(i => codes.Contains(i.DepartmentCode) && i.Status == InspectorStatus.OnDuty)
            .Select(i => new { i.CertificateValidFrom, i.CertificateValidTo }).ToListAsync(cancellationToken);
        var qualified = roster.LongCount(i => i.CertificateValidTo >= asOf && (i.CertificateValidFrom is null || i.CertificateValidFrom <= asOf));
        var inspectorUsers = await db.Users.AsNoTracking().Where(u => codes.Contains(u.DepartmentCode) && u.Enabled)
            .Select(u => u.Roles).ToListAsync(cancellationToken);

        return new KpiReport(codes, from, to, asOf,
        [
            new Kpi("inspectedShare", "抽查户次占比", inspected, population,
                "distinct targets with a result of these departments inspected in the period / drawable (existing or suspended) targets registered in their regions"),
            new Kpi("jointRate", "部门联合双随机监管率", tasks.LongCount(c => c.Count > 0), tasks.Count,
                "tasks these departments initiated whose window overlaps the period and that have at least one cooperating department / all such tasks"),
            new Kpi("onTimePublicationRate", "检查结果按时公示率", due.LongCount(r => r.PublicisedOn is { } p && p <= r.Due), due.Count,
                "results of checks in the period publicised within 20 working days of the check / results publicised or past that deadline on the as-of date"),
            new Kpi("problemsHandledRate", "发现问题处置率", problems.LongCount(r => r.CaseLeadNumber is not null || r.Outcome == ResultOutcome.ProblemOrderedToCorrect), problems.Count,
                "results that found a problem and were ordered to correct or raised a case lead / results that found a problem"),
            new Kpi("qualifiedInspectorShare", "执法检查人员入库率", qualified, inspectorUsers.LongCount(r => r.HasFlag(UserRoles.Inspector)),
                "on-duty roster inspectors with a certificate valid on the as-of date / enabled users holding the inspector role in these departments (target 100%)"),
        ]);
    }
}
