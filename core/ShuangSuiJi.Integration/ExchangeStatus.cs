using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Integration.Deliveries;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Integration.Routing;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration;

/// <summary>One partner's figures for <c>GET /api/status</c>.</summary>
/// <param name="Pulled">Records pulled and accepted.</param>
/// <param name="Pushed">Deliveries the partner took.</param>
/// <param name="Failed">Failed exchange attempts (pulls and deliveries).</param>
/// <param name="DeadLettered">Deliveries waiting for an operator.</param>
/// <param name="LastSuccessAt">The last pull or delivery that went through.</param>
public sealed record PartnerStatus(string Name, long Pulled, long Pushed, long Failed, long DeadLettered, DateTimeOffset? LastSuccessAt);

/// <summary>Per-partner exchange figures, for monitoring tools and the dashboard.</summary>
public sealed class ExchangeStatus(HubDbContextFactory stores, PullRunner pulls, DeliveryRegistry deliveries, RouteTable routes)
{
    /// <summary>Every partner the hub exchanges with: those with a pull, a delivery or a route.</summary>
    public IReadOnlyList<string> Partners =>
        [.. pulls.Resources.Select(r => r.Partner).Concat(deliveries.Partners).Concat(routes.All.Select(r => r.Partner)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public async Task<IReadOnlyList<PartnerStatus>> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var log = await db.ExchangeLog.AsNoTracking()
            .GroupBy(e => new { e.Partner, e.Direction, e.Status })
            .Select(g => new { g.Key.Partner, g.Key.Direction, g.Key.Status, Accepted = g.Sum(e => (long)e.Accepted), Count = g.LongCount(), Last = g.Max(e => e.StartedAt) })
            .ToListAsync(cancellationToken);
        var delivered = await db.Deliveries.AsNoTracking()
            .GroupBy(d => new { d.Partner, d.Status })
            .Select(g => new { g.Key.Partner, g.Key.Status, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return [.. Partners.Select(p => new PartnerStatus(
            p,
            log.Where(e => e.Partner == p && e.Direction == ExchangeDirection.Inbound && e.Status != "failed").Sum(e => e.Accepted),
            delivered.Where(d => d.Partner == p && d.Status == DeliveryStatus.Delivered).Sum(d => d.Count),
            log.Where(e => e.Partner == p && e.Status == "failed").Sum(e => e.Count),
            delivered.Where(d => d.Partner == p && d.Status == DeliveryStatus.DeadLettered).Sum(d => d.Count),
            log.Where(e => e.Partner == p && e.Status != "failed").Select(e => (DateTimeOffset?)e.Last).Max()))];
    }
}
