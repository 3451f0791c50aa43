using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Core;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Deliveries;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Integration.Routing;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.CreditRepair;

/// <summary>
/// Credit repair (信用修复): an administrator stops the publicity of one result on the enterprise's request. The
/// result must exist, have been publicised through a partner that withdrawals are routed to (a delivered
/// <see cref="HubEventTypes.ResultRecorded"/> to it, keeping the partner's reference), and have been publicised for
/// <see cref="CreditRepairOptions.MinimumPublicityDays"/>. An accepted request is a
/// <see cref="HubEventTypes.ResultPublicityWithdrawn"/> event in the outbox, committed in one transaction; the
/// configured routes take it to the partners. Every request, accepted or refused, is an audited act.
/// </summary>
public sealed class CreditRepairService(
    HubDbContextFactory stores, RouteTable routes, IAuditTrail audit, OutboxSignal outbox, IOptions<CreditRepairOptions> options, TimeProvider clock)
{
    /// <summary>Longest reason kept, in characters.</summary>
    public const int MaxReason = 1000;

    /// <summary>Longest request reference kept, in characters.</summary>
    public const int MaxReference = 100;

    /// <summary>A result's event subject, as result events carry it: task, target and department.</summary>
    public static string Subject(string taskNumber, string targetCreditCode, string departmentCode) => $"{taskNumber}|{targetCreditCode}|{departmentCode}";

    public async Task<CreditRepairOutcome> RequestAsync(CreditRepairRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await DecideAsync(request, cancellationToken);
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Status}: {outcome.Message}; request {request.RequestReference}; reason {request.Reason}{(outcome.EventId is { } id ? $"; event {id}" : "")}");

        // Not cancellable once decided: an accepted withdrawal is committed and must not go unaudited.
        await audit.RecordAsync(
            new AuditRecord(request.Actor, AuditActs.CreditRepair, Subject(request.TaskNumber, request.TargetCreditCode, request.DepartmentCode),
                outcome.Status == CreditRepairStatus.Accepted ? AuditOutcomes.Succeeded : AuditOutcomes.Refused, detail, request.Address),
            CancellationToken.None);
        return outcome;
    }

    private async Task<CreditRepairOutcome> DecideAsync(CreditRepairRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReason)
        {
            return new(CreditRepairStatus.Invalid, $"a reason is required (at most {MaxReason} characters)");
        }

        if (string.IsNullOrWhiteSpace(request.RequestReference) || request.RequestReference.Length > MaxReference)
        {
            return new(CreditRepairStatus.Invalid, $"the enterprise's request reference is required (at most {MaxReference} characters)");
        }

        var subject = Subject(request.TaskNumber, request.TargetCreditCode, request.DepartmentCode);
        await using var db = stores.CreateDbContext();
        var result = await db.Results.AsNoTracking().FirstOrDefaultAsync(
            r => r.TaskNumber == request.TaskNumber && r.TargetCreditCode == request.TargetCreditCode && r.DepartmentCode == request.DepartmentCode, cancellationToken);
        if (result is null)
        {
            return new(CreditRepairStatus.NotFound, $"no result {subject}");
        }

        var partners = routes.All.Where(r => r.Event == HubEventTypes.ResultPublicityWithdrawn).Select(r => r.Partner).Distinct(StringComparer.Ordinal).ToList();
        if (partners.Count == 0)
        {
            return new(CreditRepairStatus.NotPublicised, $"no route takes {HubEventTypes.ResultPublicityWithdrawn}: no partner can withdraw a publicised result");
        }

        var publicised = await ResultPublications.Of(db.Deliveries.AsNoTracking(), partners, subject)
            .Select(d => new { d.Partner, d.CreatedAt, d.DeliveredAt })
            .ToListAsync(cancellationToken);
        if (publicised.Count == 0)
        {
            return new(CreditRepairStatus.NotPublicised, $"result {subject} was never publicised through {string.Join(", ", partners)}: there is nothing to withdraw");
        }

        var publicisedOn = result.PublicisedOn
            ?? DateOnly.FromDateTime(publicised.Min(d => d.DeliveredAt ?? d.CreatedAt).ToOffset(ChinaTime.Offset).DateTime);
        var earliest = publicisedOn.AddDays(options.Value.MinimumPublicityDays);
        var takers = publicised.Select(d => d.Partner).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (ChinaTime.Today(clock) < earliest)
        {
            return new(CreditRepairStatus.PeriodNotOver,
                string.Create(CultureInfo.InvariantCulture, $"publicised on {publicisedOn:yyyy-MM-dd}: the minimum publicity period of {options.Value.MinimumPublicityDays} days ends on {earliest:yyyy-MM-dd}"),
                null, publicisedOn, earliest, takers);
        }

        CreditRepairOutcome AlreadyWithdrawn(EventClaim claim) => new(CreditRepairStatus.AlreadyWithdrawn,
            string.Create(CultureInfo.InvariantCulture, $"the withdrawal of {subject} was already decided at {claim.ClaimedAt.ToOffset(ChinaTime.Offset):yyyy-MM-dd HH:mm}"),
            claim.EventId, publicisedOn, earliest, takers);

        if (await ClaimOf(db, subject, cancellationToken) is { } earlier)
        {
            return AlreadyWithdrawn(earlier);
        }

        // The event and its claim commit together; the claim's key (type, subject) lets only one of two concurrent
        // requests commit, so the withdrawal is decided, and queued, once.
        var now = clock.GetUtcNow();
        var message = db.Raise(HubEventTypes.ResultPublicityWithdrawn, subject,
            new ResultPublicityWithdrawn(result.TaskNumber, result.TargetCreditCode, result.DepartmentCode, request.Reason.Trim(), request.RequestReference.Trim(), request.Actor, now, publicisedOn),
            now);
        db.EventClaims.Add(new EventClaim { Type = HubEventTypes.ResultPublicityWithdrawn, Subject = subject, EventId = message.Id, ClaimedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request committed its claim first; or ours did, and a retry after a dropped connection (the
            // server providers' execution strategy) then hit our own key: that one is accepted.
            var winner = await ClaimOf(stores, subject, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            if (winner.EventId != message.Id)
            {
                return AlreadyWithdrawn(winner);
            }
        }

        outbox.Signal.Notify();
        return new(CreditRepairStatus.Accepted, $"publicity of {subject} will be withdrawn at {string.Join(", ", takers)}", message.Id, publicisedOn, earliest, takers);
    }

    private static Task<EventClaim?> ClaimOf(HubDbContext db, string subject, CancellationToken cancellationToken) =>
        db.EventClaims.AsNoTracking().FirstOrDefaultAsync(c => c.Type == HubEventTypes.ResultPublicityWithdrawn && c.Subject == subject, cancellationToken);

    /// <summary>The claim as committed, read in a fresh context (the caller's holds the failed insert).</summary>
    private static async Task<EventClaim?> ClaimOf(HubDbContextFactory stores, string subject, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        return await ClaimOf(db, subject, cancellationToken);
    }
}
