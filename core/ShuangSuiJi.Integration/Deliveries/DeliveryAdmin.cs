using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary>What operators do with deliveries: resubmit dead letters once the cause is fixed.</summary>
public sealed class DeliveryAdmin(HubDbContextFactory stores, DeliverySignal signal, TimeProvider clock)
{
    /// <summary>
    /// Puts dead-lettered deliveries back in line with fresh attempts; their batch key is kept, so a partner that
    /// dedupes batches still recognises one it already took (a stuck ticket is answered again and polled again), while
    /// records the partner refused for good were given a fresh key when refused and go up as a new batch. Returns how
    /// many were resubmitted (delivered, pending or awaiting ones are left alone).
    /// </summary>
    public Task<int> ResubmitAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return RequeueAsync(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.DeadLettered, cancellationToken);
    }

    /// <summary>Resubmits every dead letter of a partner (and route, when given).</summary>
    public async Task<int> ResubmitAllAsync(string partner, string? route, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var ids = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.DeadLettered && d.Partner == partner && (route == null || d.Route == route))
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        return await ResubmitAsync(ids, cancellationToken);
    }

    /// <summary>Sends a delivered one again (replay from the exchange log); the partner sees the same idempotency key.</summary>
    public async Task<bool> ReplayAsync(Guid id, CancellationToken cancellationToken) =>
        await RequeueAsync(d => d.Id == id && d.Status != DeliveryStatus.Pending, cancellationToken) == 1;

    /// <summary>Puts the matching deliveries back in line, due now with fresh attempts, and wakes the worker.</summary>
    private async Task<int> RequeueAsync(System.Linq.Expressions.Expression<Func<Delivery, bool>> which, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = stores.CreateDbContext();
        var count = await db.Deliveries.Where(which)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.ClaimedBy, (string?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        signal.Signal.Notify();
        return count;
    }
}
