using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>
/// The per-partner numbers the exchange overview and the live snapshot share, each grouped in SQL (portable across
/// the providers: GROUP BY with COUNT, AVG and MAX only), so no exchange row is loaded into memory.
/// </summary>
internal static class PartnerFigures
{
    /// <summary>One partner: exchanges and failures since the window's start, the average duration (ms) then, and the state of its deliveries and rejections now.</summary>
    public sealed record Figures(
        string Partner, long Exchanges, long Failed, double? AverageMs, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastFailureAt, long DeadLettered, long Pending, long Rejected);

    /// <summary>Every partner that has exchanged, delivered or been refused, in name order, with its numbers since <paramref name="since"/>.</summary>
    public static async Task<IReadOnlyList<Figures>> ReadAsync(HubDbContext db, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var window = await db.ExchangeLog.AsNoTracking().Where(e => e.StartedAt >= since).GroupBy(e => e.Partner)
            .Select(g => new { Partner = g.Key, Count = g.LongCount(), Failed = g.LongCount(e => e.Status == "failed"), AverageMs = g.Average(e => (double)e.DurationMs) })
            .ToDictionaryAsync(w => w.Partner, StringComparer.Ordinal, cancellationToken);
        var lastFailure = await db.ExchangeLog.AsNoTracking().Where(e => e.StartedAt >= since && e.Status == "failed").GroupBy(e => e.Partner)
            .Select(g => new { Partner = g.Key, At = g.Max(e => e.StartedAt) }).ToDictionaryAsync(l => l.Partner, l => l.At, StringComparer.Ordinal, cancellationToken);
        var lastSuccess = await db.ExchangeLog.AsNoTracking().Where(e => e.Status != "failed").GroupBy(e => e.Partner)
            .Select(g => new { Partner = g.Key, At = g.Max(e => e.StartedAt) }).ToDictionaryAsync(l => l.Partner, l => l.At, StringComparer.Ordinal, cancellationToken);
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => d.Status != DeliveryStatus.Delivered)
            .GroupBy(d => new { d.Partner, d.Status }).Select(g => new { g.Key.Partner, g.Key.Status, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var rejected = await db.RejectedRecords.AsNoTracking().GroupBy(r => r.Partner).Select(g => new { Partner = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(r => r.Partner, r => r.Count, StringComparer.Ordinal, cancellationToken);
        return window.Keys.Concat(lastSuccess.Keys).Concat(deliveries.Select(d => d.Partner)).Concat(rejected.Keys)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(p => new Figures(
                p,
                window.TryGetValue(p, out var w) ? w.Count : 0,
                w?.Failed ?? 0,
                w?.AverageMs,
                lastSuccess.TryGetValue(p, out var success) ? success : null,
                lastFailure.TryGetValue(p, out var failure) ? failure : null,
                deliveries.Where(d => d.Partner == p && d.Status == DeliveryStatus.DeadLettered).Sum(d => d.Count),
                deliveries.Where(d => d.Partner == p && d.Status is DeliveryStatus.Pending or DeliveryStatus.AwaitingTicket).Sum(d => d.Count), // awaiting a ticket is not delivered yet either
                rejected.GetValueOrDefault(p)))
            .ToList();
    }
}
