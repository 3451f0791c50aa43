namespace ShuangSuiJi.Integration.Tickets;

/// <summary>What one run of a partner's batch ticket poll did.</summary>
/// <param name="Polled">Tickets asked about.</param>
/// <param name="Finished">Tickets the partner had finished (DONE, PARTIAL or FAILED), settled now.</param>
/// <param name="Open">Tickets still pending or processing.</param>
/// <param name="Stuck">Tickets given up as stuck, their deliveries dead-lettered.</param>
/// <param name="Failed">Polls that failed (the ticket stays open and is polled again).</param>
public sealed record BatchTicketRun(string Partner, int Polled, int Finished, int Open, int Stuck, int Failed);
