using MassTransit;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Integration.Routing;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary>
/// Turns events into one delivery per matching route, a batch of messages per store transaction. The delivery's key
/// is <c>{route}:{eventId}</c> and unique in the store, so a redelivered message (or the same event published by two
/// hubs) adds nothing.
/// </summary>
public sealed class HubEventConsumer(HubDbContextFactory stores, RouteTable routes, DeliverySignal signal, TimeProvider clock) : IConsumer<Batch<HubEventMessage>>
{
    public async Task Consume(ConsumeContext<Batch<HubEventMessage>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wanted = context.Message
            .Select(m => m.Message)
            .SelectMany(m => routes.For(m.Type, m.Payload).Select(r => (Message: m, Route: r, Key: Key(r.Name, m.EventId))))
            .GroupBy(x => x.Key).Select(g => g.First())
            .ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        var keys = wanted.Select(w => w.Key).ToList();
        await using var db = stores.CreateDbContext();
        var existing = (await db.Deliveries.AsNoTracking().Where(d => keys.Contains(d.IdempotencyKey)).Select(d => d.IdempotencyKey).ToListAsync(context.CancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var (message, route, key) in wanted.Where(w => !existing.Contains(w.Key)))
        {
            db.Deliveries.Add(new Delivery
            {
                Id = Guid.CreateVersion7(now),
                EventId = message.EventId,
                EventType = message.Type,
                Subject = message.Subject,
                Route = route.Name,
                Partner = route.Partner,
                IdempotencyKey = key,
                Payload = message.Payload,
                Status = DeliveryStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another hub consumed copies of some of these events at the same moment: its deliveries stand. Anything
            // else is thrown again, for the bus to retry the batch (which then skips what exists).
            if (!await AllPresentAsync(keys, context.CancellationToken))
            {
                throw;
            }
        }

        signal.Signal.Notify();
    }

    public static string Key(string route, Guid eventId) => $"{route}:{eventId:N}";

    private async Task<bool> AllPresentAsync(List<string> keys, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        return await db.Deliveries.CountAsync(d => keys.Contains(d.IdempotencyKey), cancellationToken) == keys.Count;
    }
}

/// <summary>Batches up to 500 events (or what arrives in 50 ms) per consume; retries store failures with backoff before MassTransit faults the batch.</summary>
public sealed class HubEventConsumerDefinition : ConsumerDefinition<HubEventConsumer>
{
    public HubEventConsumerDefinition() => Endpoint(e => e.PrefetchCount = 1000);

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<HubEventConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        endpointConfigurator.UseMessageRetry(r => r.Exponential(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
        consumerConfigurator.Options<BatchOptions>(o => o.SetMessageLimit(500).SetTimeLimit(TimeSpan.FromMilliseconds(50)).SetConcurrencyLimit(1));
    }
}
