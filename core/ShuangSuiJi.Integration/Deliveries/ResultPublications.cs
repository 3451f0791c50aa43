using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary>Where a result was publicised: the deliveries that credit repair and its withdrawal both look for.</summary>
internal static class ResultPublications
{
    /// <summary>
    /// The delivered <see cref="HubEventTypes.ResultRecorded"/> events of <paramref name="subject"/> at
    /// <paramref name="partners"/> that carry the partner's reference (the notice a withdrawal names).
    /// </summary>
    public static IQueryable<Delivery> Of(IQueryable<Delivery> deliveries, IReadOnlyCollection<string> partners, string subject) =>
        deliveries.Where(d => partners.Contains(d.Partner) && d.EventType == HubEventTypes.ResultRecorded && d.Subject == subject
            && d.Status == DeliveryStatus.Delivered && d.PartnerId != null);
}
