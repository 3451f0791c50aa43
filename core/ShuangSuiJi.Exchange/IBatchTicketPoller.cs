namespace ShuangSuiJi.Exchange;

/// <summary>A ticket's state as the partner reports it.</summary>
public enum TicketProgress
{
    /// <summary>Accepted, not started.</summary>
    Pending,

    /// <summary>Being processed.</summary>
    Processing,

    /// <summary>Every record taken.</summary>
    Done,

    /// <summary>Some records refused (see <see cref="TicketStatus.Errors"/>).</summary>
    Partial,

    /// <summary>The batch refused as a whole.</summary>
    Failed,
}

/// <summary>One record a finished batch refused.</summary>
/// <param name="Index">The record's position in the batch as sent, from 0.</param>
/// <param name="Code">The partner's code, for example <c>E201</c>.</param>
/// <param name="Message">The partner's reason.</param>
public sealed record TicketError(int Index, string Code, string Message);

/// <summary>What the partner said of a ticket.</summary>
/// <param name="Accepted">Records taken, as the partner counts them.</param>
/// <param name="Errors">The refused records of a <see cref="TicketProgress.Partial"/> (or a failed) batch.</param>
/// <param name="Reason">Why a <see cref="TicketProgress.Failed"/> batch failed, when the partner says.</param>
public sealed record TicketStatus(TicketProgress Progress, int Accepted, IReadOnlyList<TicketError> Errors, string? Reason = null)
{
    /// <summary>Whether the partner has finished with the batch.</summary>
    public bool Finished => Progress is TicketProgress.Done or TicketProgress.Partial or TicketProgress.Failed;
}

/// <summary>
/// A partner whose batches are answered with tickets it processes later (<see cref="BatchAnswer.Ticket"/>): the hub
/// stores each ticket and a recurring job, <c>{Partner}/batch-tickets</c>, polls the open ones through this. Only the
/// partner-specific call lives here; storing, settling the deliveries and logging are the hub's.
/// </summary>
public interface IBatchTicketPoller
{
    string Partner { get; }

    /// <summary>Asks the partner where <paramref name="ticket"/> stands. Throw on a failure worth polling again later.</summary>
    Task<TicketStatus> PollAsync(string ticket, CancellationToken cancellationToken);
}
