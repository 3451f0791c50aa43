namespace ShuangSuiJi.Storage.Exchanges;

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Pending,

    /// <summary>The partner took it (or already had it: an idempotent repeat).</summary>
    Delivered,

    /// <summary>Refused for good or out of attempts; waits for an operator to fix the cause and resubmit.</summary>
    DeadLettered,

    /// <summary>
    /// Sent in a batch the partner took with a ticket (<see cref="BatchTicket"/>) and will process later; the batch
    /// ticket poll makes it <see cref="Delivered"/> or <see cref="DeadLettered"/> once the partner has finished.
    /// </summary>
    AwaitingTicket,
}

/// <summary>
/// One event going to one partner along one route. The idempotency key is unique, so a redelivered event never
/// makes a second delivery; the same key travels to partners that dedupe (notices, clues, batch numbers).
/// </summary>
public sealed class Delivery
{
    public Guid Id { get; set; }

    public required Guid EventId { get; set; }

    public required string EventType { get; set; }

    public required string Subject { get; set; }

    /// <summary>The route's name as configured.</summary>
    public required string Route { get; set; }

    public required string Partner { get; set; }

    /// <summary><c>{route}:{eventId}</c>; unique.</summary>
    public required string IdempotencyKey { get; set; }

    /// <summary>The event body, copied so a delivery stands alone.</summary>
    public required string Payload { get; set; }

    public DeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public required DateTimeOffset CreatedAt { get; set; }

    public required DateTimeOffset NextAttemptAt { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>For partners that take batches: the batch this delivery went out in, reused on retry so the partner dedupes it.</summary>
    public string? BatchKey { get; set; }

    /// <summary>The partner's id for what it received (notice id, clue id, batch ticket).</summary>
    public string? PartnerId { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }
}
