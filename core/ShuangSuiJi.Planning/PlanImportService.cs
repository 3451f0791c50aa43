using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Calendar;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Planning;

/// <summary>One saved plan and its tasks, for reports.</summary>
public sealed record SavedPlan(int Number, string PlanCode, IReadOnlyList<InspectionTask> Tasks);

/// <summary>What an import did: the sheet's plans and findings, and what was saved.</summary>
public sealed record PlanImportOutcome(PlanImportResult Result, IReadOnlyList<SavedPlan> Saved);

/// <summary>
/// Imports a plan sheet against the store's department directory and, when asked, saves every fully resolved
/// line as a canonical plan with its scheduled tasks, submitted for review (a <c>plan.submitted</c> event in the same
/// transaction; each line in its own transaction; a refused line is reported, the others go on). Used by <c>ssj plan import</c> and the hub's upload endpoint.
/// </summary>
public sealed partial class PlanImportService(HubDbContextFactory factory, WorkingDayCalendar calendar, TimeProvider timeProvider)
{
    public async Task<PlanImportOutcome> ImportAsync(IReadOnlyList<string[]> rows, string? regionCode, bool save, int? year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var db = factory.CreateDbContext();
        var departments = await db.Departments.AsNoTracking().ToListAsync(cancellationToken);
        var result = new PlanImporter(new DepartmentResolver(departments, regionCode)).Import(rows);
        if (!save)
        {
            return new PlanImportOutcome(result, []);
        }

        var now = timeProvider.GetUtcNow().ToOffset(ChinaTime.Offset);
        var today = ChinaTime.Today(timeProvider);
        var byCode = departments.ToDictionary(d => d.Code);
        var items = (await db.InspectionItems.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(i => i.OwnerDepartmentCode);
        var lights = new WarningLightRule(calendar);
        var provenance = new Provenance(Provenance.Hub, "plan-import", now);
        var findings = result.Findings.ToList();
        var saved = new List<SavedPlan>();
        foreach (var plan in result.Plans)
        {
            var planYear = year ?? YearIn(plan.Name) ?? today.Year;
            var (canonical, tasks, notes) = CanonicalPlans.ToCanonical(plan, planYear, byCode, items, lights, today, provenance);
            findings.AddRange(notes);
            if (canonical is null)
            {
                continue;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Tasks.Where(t => t.PlanCode == canonical.Code).ExecuteDeleteAsync(cancellationToken);
            await db.Plans.Where(p => p.Code == canonical.Code).ExecuteDeleteAsync(cancellationToken);
            // Saved is submitted: the plan goes for review (to the routes' reviewer) with the plan, in one transaction.
            var submitted = canonical with { ReviewState = ReviewState.Pending };
            db.Plans.Add(submitted);
            db.Tasks.AddRange(tasks);
            db.Outbox.Add(OutboxMessage.For(HubEventTypes.PlanSubmitted, submitted.Code, EventJson.Serialize(submitted), now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            saved.Add(new SavedPlan(plan.Number, canonical.Code, tasks));
        }

        return new PlanImportOutcome(result with { Findings = findings }, saved);
    }

    private static int? YearIn(string name)
    {
        var match = YearPattern().Match(name);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(20\d\d)年")]
    private static partial Regex YearPattern();
}
