namespace ShuangSuiJi.Exchange;

/// <summary>
/// A partner's immediate answer to a batch. A partner that answers at once gives <see cref="Ticket"/>
/// <see langword="null"/> and its verdict per record; one that processes batches later gives its ticket, and then
/// <see cref="Refusals"/> holds only the records refused before sending — the others went out under the ticket in
/// their order, and the ticket's refusals name them by that position (see <see cref="IBatchTicketPoller"/>).
/// </summary>
/// <param name="Ticket">The partner's ticket for a batch it processes later; <see langword="null"/> when it answered at once.</param>
/// <param name="Refusals">Per record, in order: <see langword="null"/> when taken (or sent under the ticket), else why it was refused.</param>
public sealed record BatchAnswer(string? Ticket, IReadOnlyList<string?> Refusals)
{
    /// <summary>Every record answered at once: <see langword="null"/> for taken, a reason for refused.</summary>
    public static BatchAnswer Answered(IReadOnlyList<string?> refusals) => new(null, refusals);
}
