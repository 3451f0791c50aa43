namespace ShuangSuiJi.Storage.Exchanges;

/// <summary>
/// The one event of a type that may ever be raised for a subject, such as the withdrawal of a result's publicity
/// (信用修复). Its key is (type, subject), so of two requests deciding at the same moment — two administrators, two
/// hubs — only one can commit its claim with its event; the other fails on the key and reads the winner's claim.
/// Kept apart from the outbox, so the decision stays on record however the outbox is later tidied.
/// </summary>
public sealed class EventClaim
{
    /// <summary>The event type, for example <c>result.publicity-withdrawn</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The natural key of the record the event is about.</summary>
    public required string Subject { get; set; }

    /// <summary>The outbox message that carries the event.</summary>
    public required Guid EventId { get; set; }

    public required DateTimeOffset ClaimedAt { get; set; }
}
