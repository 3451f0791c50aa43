namespace ShuangSuiJi.Exchange.Events;

/// <summary>An event on its way to a partner along one route.</summary>
/// <param name="IdempotencyKey">Stable for this event and route: partners that dedupe receive it.</param>
public sealed record OutboundEvent(Guid EventId, string IdempotencyKey, string Type, string Subject, string Payload);

/// <summary>What happened to one event of a delivery call.</summary>
/// <param name="PartnerId">The partner's id for what it took; for a record awaiting a ticket, the ticket.</param>
/// <param name="Refusal">Why the partner refused this record for good; <see langword="null"/> when taken.</param>
/// <param name="TicketIndex">
/// For a record sent in a batch the partner processes later: its position in the batch as sent (from 0), by which the
/// ticket's refusals name it; <see langword="null"/> otherwise.
/// </param>
public sealed record DeliveryOutcome(string? PartnerId, string? Refusal, int? TicketIndex = null)
{
    public static DeliveryOutcome Taken(string? partnerId) => new(partnerId, null);

    public static DeliveryOutcome Refused(string reason) => new(null, reason);

    /// <summary>Sent under <paramref name="ticket"/> at <paramref name="index"/>; settled when the ticket is polled to its end.</summary>
    public static DeliveryOutcome AwaitingTicket(string ticket, int index) => new(ticket, null, index);

    /// <summary>Whether the record waits for its batch ticket.</summary>
    public bool IsAwaitingTicket => TicketIndex is not null;
}

/// <summary>
/// Delivers one event type to one partner. Throw for a failure worth retrying (the whole call is retried with
/// backoff); return <see cref="DeliveryOutcome.Refused"/> for a record the partner will never take as it is, and
/// <see cref="DeliveryOutcome.AwaitingTicket"/> for one the partner took under a ticket to be polled.
/// </summary>
public interface IEventDelivery
{
    string Partner { get; }

    string EventType { get; }

    /// <summary>Events per call: 1 for partners that take one record per request, more for batch partners.</summary>
    int BatchSize { get; }

    /// <param name="events">At most <see cref="BatchSize"/> events.</param>
    /// <param name="batchKey">Stable for this group of events across retries; batch partners use it as the batch number.</param>
    /// <returns>One outcome per event, in order.</returns>
    Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken);
}

/// <summary>For partners whose deliveries are not one of the standard sinks: supplies them directly.</summary>
public interface IEventDeliveryProvider
{
    IEnumerable<IEventDelivery> Deliveries { get; }
}

/// <summary>
/// A delivery that sends events one call each: reads the body as <typeparamref name="TBody"/> and hands it to
/// <paramref name="send"/>, which returns the partner's id for what it took (or <see langword="null"/>).
/// </summary>
public sealed class EventByEventDelivery<TBody>(string partner, string eventType, Func<TBody, CancellationToken, Task<string?>> send) : IEventDelivery
{
    public string Partner => partner;

    public string EventType => eventType;

    public int BatchSize => 1;

    public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = new List<DeliveryOutcome>(events.Count);
        foreach (var e in events)
        {
            outcomes.Add(DeliveryOutcome.Taken(await send(EventJson.Deserialize<TBody>(e.Payload), cancellationToken)));
        }

        return outcomes;
    }
}
