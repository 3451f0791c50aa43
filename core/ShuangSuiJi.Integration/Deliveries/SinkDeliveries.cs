using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary><see cref="HubEventTypes.ResultRecorded"/> to a partner that takes results one by one (notices, reviews).</summary>
public sealed class ResultSinkDelivery(IResultSink sink) : IEventDelivery
{
    public string Partner => sink.Partner;

    public string EventType => HubEventTypes.ResultRecorded;

    public int BatchSize => 1;

    public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = new List<DeliveryOutcome>(events.Count);
        foreach (var e in events)
        {
            var body = EventJson.Deserialize<ResultRecorded>(e.Payload);
            outcomes.Add(DeliveryOutcome.Taken((await sink.PublishResultAsync(body.Result, body.TargetName, cancellationToken)).PartnerId));
        }

        return outcomes;
    }
}

/// <summary><see cref="HubEventTypes.ResultRecorded"/> to a partner that takes results in batches and answers per record.</summary>
public sealed class ResultBatchDelivery(IResultBatchSink sink) : IEventDelivery
{
    public string Partner => sink.Partner;

    public string EventType => HubEventTypes.ResultRecorded;

    public int BatchSize => sink.BatchSize;

    public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var bodies = events.Select(e => EventJson.Deserialize<ResultRecorded>(e.Payload)).ToList();
        var refusals = await sink.PublishResultsAsync(bodies, batchKey, cancellationToken);
        return [.. refusals.Select(r => r is null ? DeliveryOutcome.Taken(batchKey) : DeliveryOutcome.Refused(r))];
    }
}

/// <summary>
/// <see cref="HubEventTypes.ResultRecorded"/> to a partner that takes case leads; a result whose outcome raises none is
/// taken as nothing to do (the route's condition should have kept it away).
/// </summary>
public sealed class CaseLeadDelivery(ICaseLeadSink sink) : IEventDelivery
{
    public string Partner => sink.Partner;

    public string EventType => HubEventTypes.ResultRecorded;

    public int BatchSize => 1;

    public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = new List<DeliveryOutcome>(events.Count);
        foreach (var e in events)
        {
            var body = EventJson.Deserialize<ResultRecorded>(e.Payload);
            outcomes.Add(sink.RaisesLead(body.Result)
                ? DeliveryOutcome.Taken((await sink.RaiseLeadAsync(body.Result, body.TargetName, cancellationToken)).PartnerId)
                : DeliveryOutcome.Taken(null));
        }

        return outcomes;
    }
}

/// <summary><see cref="HubEventTypes.TaskDrawn"/> to a partner that publishes draws (一公开).</summary>
public sealed class DrawDelivery(IDrawSink sink) : IEventDelivery
{
    public string Partner => sink.Partner;

    public string EventType => HubEventTypes.TaskDrawn;

    public int BatchSize => 1;

    public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = new List<DeliveryOutcome>(events.Count);
        foreach (var e in events)
        {
            var body = EventJson.Deserialize<TaskDrawn>(e.Payload);
            outcomes.Add(DeliveryOutcome.Taken((await sink.PublishDrawAsync(body.Draw, cancellationToken)).PartnerId));
        }

        return outcomes;
    }
}
