namespace ShuangSuiJi.Storage.Exchanges;

/// <summary>Where a partner's batch ticket stands, as the hub last stored it.</summary>
public enum BatchTicketState
{
    /// <summary>Accepted by the partner, not yet processed (the partner's PENDING).</summary>
    Pending,

    /// <summary>The partner is working on it.</summary>
    Processing,

    /// <summary>Every record taken; the covered deliveries are delivered.</summary>
    Done,

    /// <summary>Some records refused (<see cref="BatchTicket.Errors"/>); those deliveries are dead-lettered with the reason, the others delivered.</summary>
    Partial,

    /// <summary>The partner refused the batch as a whole; every covered delivery is dead-lettered.</summary>
    Failed,

    /// <summary>Still unfinished after <c>Exchange:Tickets:StuckAfterMinutes</c>: no longer polled, its deliveries dead-lettered for an operator.</summary>
    Stuck,
}

/// <summary>
/// A ticket a partner gave for a batch it processes later (asynchronous batches): which deliveries it covers,
/// in the order their records were sent (a refusal names its record by that position), and how far polling has got.
/// Stored in the same transaction that marks its deliveries <see cref="DeliveryStatus.AwaitingTicket"/>; moved on by
/// the batch ticket poll only in the transaction that settles those deliveries.
/// </summary>
public sealed class BatchTicket
{
    public long Id { get; set; }

    public required string Partner { get; set; }

    /// <summary>The partner's ticket id; unique per partner.</summary>
    public required string Ticket { get; set; }

    /// <summary>The batch kind: the event type its records carry, for example <c>result.recorded</c>.</summary>
    public required string EventType { get; set; }

    /// <summary>The route the batch went out along.</summary>
    public required string Route { get; set; }

    /// <summary>The deliveries' batch key (the partner's batch number is derived from it).</summary>
    public required string BatchKey { get; set; }

    /// <summary>The covered deliveries, by the position of their record in the batch as sent.</summary>
    public required IReadOnlyList<Guid> DeliveryIds { get; set; }

    public BatchTicketState State { get; set; }

    public required DateTimeOffset SubmittedAt { get; set; }

    public DateTimeOffset? LastPolledAt { get; set; }

    /// <summary>Polls made so far (each one a call to the partner).</summary>
    public int Polls { get; set; }

    /// <summary>Records the partner reported taken.</summary>
    public int Accepted { get; set; }

    /// <summary>A PARTIAL's refusals, one per line: <c>position: code message</c> (position as sent, from 0).</summary>
    public string? Errors { get; set; }

    /// <summary>The last poll's failure (the ticket stays open and is polled again), or why it was given up.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
