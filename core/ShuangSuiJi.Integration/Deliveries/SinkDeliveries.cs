using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary>The standard sinks as deliveries: results one by one or in batches, case leads, draws.</summary>
public static class SinkDeliveries
{
    /// <summary><see cref="HubEventTypes.ResultRecorded"/> to a partner that takes results one by one (notices, reviews).</summary>
    public static IEventDelivery For(IResultSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new EventByEventDelivery<ResultRecorded>(sink.Partner, HubEventTypes.ResultRecorded,
            async (body, ct) => (await sink.PublishResultAsync(body.Result, body.TargetName, ct)).PartnerId);
    }

    /// <summary>
    /// <see cref="HubEventTypes.ResultRecorded"/> to a partner that takes case leads; a result whose outcome raises none
    /// is taken as nothing to do (the route's condition should have kept it away).
    /// </summary>
    public static IEventDelivery For(ICaseLeadSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new EventByEventDelivery<ResultRecorded>(sink.Partner, HubEventTypes.ResultRecorded,
            async (body, ct) => sink.RaisesLead(body.Result) ? (await sink.RaiseLeadAsync(body.Result, body.TargetName, ct)).PartnerId : null);
    }

    /// <summary>
    /// <see cref="HubEventTypes.ResultRecorded"/> to a partner that takes results in batches, answered per record at once
    /// or later under a ticket.
    /// </summary>
    public static IEventDelivery For(IResultBatchSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new EventBatchDelivery<ResultRecorded>(sink.Partner, HubEventTypes.ResultRecorded, sink.BatchSize, sink.PublishResultsAsync);
    }

    /// <summary><see cref="HubEventTypes.TaskDrawn"/> to a partner that publishes draws (一公开).</summary>
    public static IEventDelivery For(IDrawSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        return new EventByEventDelivery<TaskDrawn>(sink.Partner, HubEventTypes.TaskDrawn, async (body, ct) => (await sink.PublishDrawAsync(body.Draw, ct)).PartnerId);
    }
}
