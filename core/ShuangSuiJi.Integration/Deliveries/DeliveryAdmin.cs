using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary>What operators do with deliveries: resubmit dead letters once the cause is fixed.</summary>
public sealed class DeliveryAdmin(HubDbContextFactory stores, DeliverySignal signal, TimeProvider clock)
{
    /// <summary>
    /// Puts dead-lettered deliveries back in line with fresh attempts; their batch key is kept, so a partner that
    /// dedupes batches still recognises one it already took. Returns how many were resubmitted (delivered or pending
    /// ones are left alone).
    /// </summary>
    public async Task<int> ResubmitAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var now = clock.GetUtcNow();
        await using var db = stores.CreateDbContext();
        var count = await db.Deliveries
            .Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.DeadLettered)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.ClaimedBy, (string?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        signal.Signal.Notify();
        return count;
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
    public async Task<bool> ReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var db = stores.CreateDbContext();
        var count = await db.Deliveries
            .Where(d => d.Id == id && d.Status != DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.ClaimedBy, (string?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        signal.Signal.Notify();
        return count == 1;
    }
}
