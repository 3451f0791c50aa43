using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary>Finds the delivery for a partner and event type among those the adapters registered.</summary>
public sealed class DeliveryRegistry(IEnumerable<IEventDelivery> deliveries)
{
    private readonly Dictionary<(string Partner, string Event), IEventDelivery> _byKey = deliveries
        .GroupBy(d => (d.Partner, d.EventType))
        .ToDictionary(g => g.Key, g => g.Last());

    public IEventDelivery? Find(string partner, string eventType) => _byKey.GetValueOrDefault((partner, eventType));

    /// <summary>Every partner that takes deliveries.</summary>
    public IEnumerable<string> Partners => _byKey.Keys.Select(k => k.Partner).Distinct(StringComparer.Ordinal);
}
