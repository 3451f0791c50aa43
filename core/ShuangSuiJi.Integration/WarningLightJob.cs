using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Calendar;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Integration;

/// <summary>
/// Re-evaluates every open task's and plan's warning light (预警灯) by the one rule and the official calendar — a
/// task's deadline is its window end; a plan's is the last day of its end month, and it is done when all its tasks
/// are — and stores the changes. A drawn task whose light changed raises
/// <see cref="HubEventTypes.TaskUpdated"/> with the task as last published, so the routes send the new light on
/// (to SUP as YJDJ by default). Runs daily and at start.
/// </summary>
public sealed partial class WarningLightJob(HubDbContextFactory stores, WarningLightRule rule, OutboxSignal outbox, TimeProvider clock, ILogger<WarningLightJob> logger)
{
    /// <summary>Returns how many tasks and plans changed light.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        await using var db = stores.CreateDbContext();
        var open = await db.Tasks.AsNoTracking().Where(t => t.Status != InspectionTaskStatus.Completed).ToListAsync(cancellationToken);
        var missing = new SortedSet<int>();
        var changed = open.Select(t => (Task: t, Light: Evaluate(t.WindowEnd, done: false, today, missing) ?? t.WarningLight)).Where(x => x.Light != x.Task.WarningLight).ToList();
        var numbers = changed.Select(c => c.Task.TaskNumber).ToList();
        var published = await db.Outbox.AsNoTracking()
            .Where(m => (m.Type == HubEventTypes.TaskDrawn || m.Type == HubEventTypes.TaskUpdated) && numbers.Contains(m.Subject))
            .OrderBy(m => m.OccurredAt)
            .Select(m => new { m.Subject, m.Payload })
            .ToListAsync(cancellationToken);
        var last = published.GroupBy(p => p.Subject).ToDictionary(g => g.Key, g => EventJson.Deserialize<TaskDrawn>(g.Last().Payload));
        foreach (var (task, light) in changed)
        {
            var updated = task with { WarningLight = light };
            db.Update(updated);
            if (last.TryGetValue(task.TaskNumber, out var drawn))
            {
                db.Raise(HubEventTypes.TaskUpdated, task.TaskNumber, drawn with { Task = drawn.Task with { WarningLight = light } }, now);
            }
        }

        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        var taskStates = (await db.Tasks.AsNoTracking().Select(t => new { t.PlanCode, t.Status }).ToListAsync(cancellationToken))
            .GroupBy(t => t.PlanCode).ToDictionary(g => g.Key, g => g.All(t => t.Status == InspectionTaskStatus.Completed));
        var plansChanged = 0;
        foreach (var plan in plans)
        {
            var deadline = new DateOnly(plan.Year, Math.Clamp(plan.EndMonth, 1, 12), 1).AddMonths(1).AddDays(-1);
            var light = Evaluate(deadline, done: taskStates.GetValueOrDefault(plan.Code), today, missing) ?? plan.WarningLight;
            if (light != plan.WarningLight)
            {
                db.Update(plan with { WarningLight = light });
                plansChanged++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (changed.Count > 0)
        {
            outbox.Signal.Notify();
        }

        LogEvaluated(open.Count, changed.Count, plans.Count, plansChanged);
        if (missing.Count > 0)
        {
            LogCalendarMissing(string.Join(", ", missing));
        }

        return changed.Count + plansChanged;
    }

    /// <summary>The light, or <see langword="null"/> (light kept) when the calendar lacks a year the deadline needs.</summary>
    private WarningLight? Evaluate(DateOnly deadline, bool done, DateOnly today, SortedSet<int> missing)
    {
        try
        {
            return rule.Evaluate(deadline, done, today);
        }
        catch (CalendarYearMissingException ex)
        {
            missing.Add(ex.Year);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Warning lights kept unchanged for deadlines in {Years}: the working-day calendar has no data for those years; add them under Calendar:Years")]
    private partial void LogCalendarMissing(string years);

    [LoggerMessage(Level = LogLevel.Information, Message = "Warning lights: {Open} open tasks evaluated, {Changed} changed; {Plans} plans, {PlansChanged} changed")]
    private partial void LogEvaluated(int open, int changed, int plans, int plansChanged);
}
