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
/// Re-evaluates every open task's warning light (预警灯) by the one rule and the official calendar — the deadline is
/// the task's window end — and stores the changes. A drawn task whose light changed raises
/// <see cref="HubEventTypes.TaskUpdated"/> with the task as last published, so the routes send the new light on
/// (to SUP as YJDJ by default). Runs daily and at start.
/// </summary>
public sealed partial class WarningLightJob(HubDbContextFactory stores, WarningLightRule rule, OutboxSignal outbox, TimeProvider clock, ILogger<WarningLightJob> logger)
{
    /// <summary>Returns how many tasks changed light.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        var now = clock.GetUtcNow();
        await using var db = stores.CreateDbContext();
        var open = await db.Tasks.AsNoTracking().Where(t => t.Status != InspectionTaskStatus.Completed).ToListAsync(cancellationToken);
        var changed = open.Select(t => (Task: t, Light: rule.Evaluate(t.WindowEnd, done: false, today))).Where(x => x.Light != x.Task.WarningLight).ToList();
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

        await db.SaveChangesAsync(cancellationToken);
        if (changed.Count > 0)
        {
            outbox.Signal.Notify();
        }

        LogEvaluated(open.Count, changed.Count);
        return changed.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Warning lights: {Open} open tasks evaluated, {Changed} changed")]
    private partial void LogEvaluated(int open, int changed);
}
