using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary>
/// <see cref="HubEventTypes.ResultPublicityWithdrawn"/> to a partner that publicises results. The partner knows the
/// result by its own id, which it answered when the result was delivered to it: that delivery (same partner, event
/// <see cref="HubEventTypes.ResultRecorded"/>, same subject) keeps it as <see cref="Delivery.PartnerId"/>. A result
/// never delivered to the partner is refused for good (dead-lettered with the reason): there is nothing to withdraw.
/// </summary>
public sealed class PublicityWithdrawalDelivery(IPublicityWithdrawalSink sink, HubDbContextFactory stores) : IEventDelivery
{
    public string Partner => sink.Partner;

    public string EventType => HubEventTypes.ResultPublicityWithdrawn;

    public int BatchSize => 1;

    public async Task<IReadOnlyList<DeliveryOutcome>> DeliverAsync(IReadOnlyList<OutboundEvent> events, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var outcomes = new List<DeliveryOutcome>(events.Count);
        foreach (var e in events)
        {
            var reference = await ReferenceAsync(e.Subject, cancellationToken);
            if (reference is null)
            {
                outcomes.Add(DeliveryOutcome.Refused($"result {e.Subject} was never delivered to {sink.Partner} with its reference: nothing to withdraw"));
                continue;
            }

            var receipt = await sink.WithdrawAsync(new PublicityWithdrawal(EventJson.Deserialize<ResultPublicityWithdrawn>(e.Payload), reference), cancellationToken);
            outcomes.Add(DeliveryOutcome.Taken(receipt.PartnerId));
        }

        return outcomes;
    }

    /// <summary>The partner's id from the latest delivered result of this subject, or <see langword="null"/>.</summary>
    public async Task<string?> ReferenceAsync(string subject, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var references = await ResultPublications.Of(db.Deliveries.AsNoTracking(), [sink.Partner], subject)
            .Select(d => new { d.CreatedAt, d.PartnerId })
            .ToListAsync(cancellationToken);

        // Ordered here, not in SQL: the providers store DateTimeOffset differently. A result has a handful of deliveries.
        return references.OrderByDescending(r => r.CreatedAt).Select(r => r.PartnerId).FirstOrDefault();
    }
}
