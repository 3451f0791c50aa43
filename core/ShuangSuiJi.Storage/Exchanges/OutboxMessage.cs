namespace ShuangSuiJi.Storage.Exchanges;

/// <summary>
/// A canonical change as an event, written in the same transaction as the change itself (transactional outbox) and
/// dispatched to the bus afterwards. A crash between commit and dispatch only delays it: the dispatcher picks up
/// whatever is not yet marked dispatched.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    /// <summary>The event type, for example <c>result.recorded</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The natural key of the record the event is about.</summary>
    public required string Subject { get; set; }

    /// <summary>The event body as JSON.</summary>
    public required string Payload { get; set; }

    public required DateTimeOffset OccurredAt { get; set; }

    /// <summary>When it was handed to the bus; <see langword="null"/> while waiting.</summary>
    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary>The hub instance that holds the dispatch lease, so two hubs never publish the same message at once.</summary>
    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>A new event with a time-ordered id; add it to the same context as the change it reports.</summary>
    public static OutboxMessage For(string type, string subject, string payload, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Type = type,
        Subject = subject,
        Payload = payload,
        OccurredAt = now,
    };
}
