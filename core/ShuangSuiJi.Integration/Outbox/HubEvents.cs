using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Outbox;

/// <summary>Raises canonical change events into the outbox, inside the caller's unit of work.</summary>
public static class HubEvents
{
    /// <summary>
    /// Adds the event to the context; it is committed by the caller's <c>SaveChanges</c>, in the same transaction as
    /// the change it reports, so a change is never stored without its event nor an event sent without its change.
    /// </summary>
    public static OutboxMessage Raise<T>(this HubDbContext db, string type, string subject, T body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var message = OutboxMessage.For(type, subject, EventJson.Serialize(body), now);
        db.Outbox.Add(message);
        return message;
    }
}
