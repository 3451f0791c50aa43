namespace ShuangSuiJi.Exchange.Events;

/// <summary>
/// A delivery that sends events in batches: reads each body as <typeparamref name="TBody"/>, hands the batch to
/// <paramref name="send"/> and turns the partner's <see cref="BatchAnswer"/> into outcomes — taken or refused per
/// record when the partner answered at once, awaiting the ticket (at its position as sent) when it gave one.
/// </summary>
/// <param name="batchSize">Events per call (the partner's batch limit).</param>
public sealed class EventBatchDelivery<TBody>(string partner, string eventType, int batchSize, Func<IReadOnlyList<TBody>, string, CancellationToken, Task<BatchAnswer>> send)
    : IEventDelivery
{
    public string Partner => partner;

    public string EventType => eventType;

    public int BatchSize => batchSize;

    public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var answer = await send([.. events.Select(e => EventJson.Deserialize<TBody>(e.Payload))], batchKey, cancellationToken);
        if (answer.Refusals.Count != events.Count)
        {
            throw new InvalidOperationException($"the {partner} batch of {eventType} answered {answer.Refusals.Count} records for {events.Count} events");
        }

        var outcomes = new List<DeliveryOutcome>(events.Count);
        var sent = 0;
        foreach (var refusal in answer.Refusals)
        {
            outcomes.Add(refusal is not null ? DeliveryOutcome.Refused(refusal)
                : answer.Ticket is { } ticket ? DeliveryOutcome.AwaitingTicket(ticket, sent++)
                : DeliveryOutcome.Taken(batchKey));
        }

        return outcomes;
    }
}
