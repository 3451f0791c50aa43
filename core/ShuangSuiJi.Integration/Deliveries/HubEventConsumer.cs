using MassTransit;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Integration.Routing;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary>
/// Turns an event into one delivery per matching route. The delivery's key is <c>{route}:{eventId}</c> and unique in
/// the store, so a redelivered message (or the same event published by two hubs) adds nothing.
/// </summary>
public sealed class HubEventConsumer(HubDbContextFactory stores, RouteTable routes, DeliverySignal signal, TimeProvider clock) : IConsumer<HubEventMessage>
{
    public async Task Consume(ConsumeContext<HubEventMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var matched = routes.For(message.Type, message.Payload).ToList();
        if (matched.Count == 0)
        {
            return;
        }

        var keys = matched.Select(r => Key(r.Name, message.EventId)).ToList();
        await using var db = stores.CreateDbContext();
        var existing = await db.Deliveries.AsNoTracking().Where(d => keys.Contains(d.IdempotencyKey)).Select(d => d.IdempotencyKey).ToListAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        foreach (var route in matched.Where(r => !existing.Contains(Key(r.Name, message.EventId))))
        {
            db.Deliveries.Add(new Delivery
            {
                Id = Guid.CreateVersion7(now),
                EventId = message.EventId,
                EventType = message.Type,
                Subject = message.Subject,
                Route = route.Name,
                Partner = route.Partner,
                IdempotencyKey = Key(route.Name, message.EventId),
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
            // Another hub consumed a copy of the same event at the same moment: its deliveries stand. Anything else is
            // thrown again, for the bus to retry.
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

/// <summary>Retries a consume that failed on the store (busy, failover) before MassTransit faults it.</summary>
public sealed class HubEventConsumerDefinition : ConsumerDefinition<HubEventConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<HubEventConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        endpointConfigurator.UseMessageRetry(r => r.Exponential(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)));
    }
}
