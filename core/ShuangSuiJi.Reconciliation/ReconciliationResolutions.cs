using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Integration.Deliveries;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Storage.Reconciliation;

namespace ShuangSuiJi.Reconciliation;

/// <summary>The three resolutions.</summary>
public enum ResolutionAction
{
    /// <summary>Send the golden record to the lagging side: the hub's store when the hub lags, else the partner's route.</summary>
    Push,

    /// <summary>Take one side's values as right (the hub's record follows when the hub is the other side).</summary>
    Accept,

    /// <summary>Leave the difference, with a reason, until an expiry.</summary>
    Ignore,
}

/// <summary>An administrator's resolution request.</summary>
public sealed record ResolutionRequest(ResolutionAction Action, string? Side, string Reason, DateTimeOffset? ExpiresAt, string By);

public sealed partial class ReconciliationService
{
    /// <summary>Longest an ignore may run.</summary>
    public static readonly TimeSpan MaxIgnore = TimeSpan.FromDays(366);

    /// <summary>Applies and records a resolution. Returns what it did.</summary>
    /// <exception cref="ReconciliationRequestException">A field of the request is wrong; the message says which and why.</exception>
    public async Task<string> ResolveAsync(string kind, string left, string right, string key, ResolutionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (kindName, kindOptions) = Canonical(kind);
        left = System(left, "left");
        right = System(right, "right");
        key = Normalization.Key(key);
        var now = clock.GetUtcNow();
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new ReconciliationRequestException("reason", "A reason is required.");
        }

        if (request.Reason.Length > 1000)
        {
            throw new ReconciliationRequestException("reason", "The reason is longer than 1000 characters.");
        }

        if (string.IsNullOrWhiteSpace(request.By))
        {
            throw new ReconciliationRequestException("by", "The resolver is unknown.");
        }

        string? side = null;
        if (request.Action == ResolutionAction.Ignore)
        {
            if (request.ExpiresAt is not { } expires || expires <= now || expires - now > MaxIgnore)
            {
                throw new ReconciliationRequestException("expiresAt", $"An ignore needs an expiry after now and within {MaxIgnore.TotalDays:F0} days.");
            }
        }
        else
        {
            side = request.Side is null ? null : System(request.Side, "side");
            if (side != left && side != right)
            {
                throw new ReconciliationRequestException("side", $"The side must be {left} or {right}, not '{request.Side}'.");
            }
        }

        await using var db = stores.CreateDbContext();
        var item = await db.ReconciliationItems.FirstOrDefaultAsync(i => i.Kind == kindName && i.Left == left && i.Right == right && i.Key == key, cancellationToken)
            ?? throw new ReconciliationRequestException("key", $"No {kindName} '{key}' between {left} and {right}; run the reconciliation first.");
        if (item.Class == nameof(ItemClass.Identical))
        {
            throw new ReconciliationRequestException("key", $"{kindName} '{key}' is identical in {left} and {right}: nothing to resolve.");
        }

        var detail = item.Detail is null ? null : JsonSerializer.Deserialize<ItemDetail>(item.Detail, DetailJson);
        var outcome = request.Action switch
        {
            ResolutionAction.Ignore => $"ignored until {request.ExpiresAt:yyyy-MM-dd HH:mm}",
            ResolutionAction.Push => await PushAsync(db, kindOptions, side!, side == left ? right : left, side == left ? detail?.LeftKey : detail?.RightKey, side == left ? detail?.RightKey : detail?.LeftKey, key, now, cancellationToken),
            _ => await AcceptAsync(db, kindOptions, side!, side == left ? right : left, side == left ? detail?.LeftKey : detail?.RightKey, key, now, cancellationToken),
        };

        var resolution = new ReconciliationResolution
        {
            Kind = kindName, Left = left, Right = right, Key = key, Action = request.Action.ToString(), Side = side, Reason = request.Reason.Trim(),
            ExpiresAt = request.Action == ResolutionAction.Ignore ? request.ExpiresAt : null, By = request.By, At = now,
            LeftHash = item.LeftHash, RightHash = item.RightHash, Outcome = outcome.Length > 1000 ? outcome[..1000] : outcome,
        };
        db.ReconciliationResolutions.Add(resolution);
        await db.SaveChangesAsync(cancellationToken);
        item.ResolutionId = resolution.Id;
        await db.SaveChangesAsync(cancellationToken);
        outbox.Signal.Notify();
        deliveries.Signal.Notify();
        LogResolved(request.By, request.Action.ToString(), kindName, key, left, right, outcome);
        return outcome;
    }

    private bool CanPush(KindOptions kind, string side, string other, FlatRecord? otherRecord)
    {
        if (otherRecord is null)
        {
            return false;
        }

        if (IsHub(side))
        {
            return HubKind.All.TryGetValue(StoredAs(kind, other), out var hubKind) && hubKind.Writable;
        }

        return routes.All.Any(r => string.Equals(r.Partner, side, StringComparison.OrdinalIgnoreCase) && kind.Events.Contains(r.Event, StringComparer.Ordinal));
    }

    private static string StoredAs(KindOptions kind, string system) => (kind.Sources.GetValueOrDefault(system) ?? new SourceOptions()).StoredAs ?? kind.StoredAs;

    private async Task<string> PushAsync(HubDbContext db, KindOptions kind, string target, string source, string? targetKey, string? sourceKey, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (IsHub(target))
        {
            return await WriteHubFromAsync(db, kind, source, sourceKey ?? key, now, cancellationToken);
        }

        var route = routes.All.FirstOrDefault(r => string.Equals(r.Partner, target, StringComparison.OrdinalIgnoreCase) && kind.Events.Contains(r.Event, StringComparer.Ordinal))
            ?? throw new ReconciliationRequestException("side", $"{target} has no route for this kind ({string.Join(", ", kind.Events.DefaultIfEmpty("no events configured"))}): accept a side or ignore instead.");
        var subject = IsHub(source) ? sourceKey ?? key : targetKey ?? sourceKey ?? key;
        var latest = await db.Outbox.AsNoTracking().Where(m => m.Type == route.Event && m.Subject == subject).OrderByDescending(m => m.OccurredAt).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ReconciliationRequestException("side", $"The hub has raised no {route.Event} event for '{subject}' to send again.");
        var eventId = Guid.CreateVersion7(now);
        var delivery = new Delivery
        {
            Id = Guid.CreateVersion7(now), EventId = eventId, EventType = latest.Type, Subject = latest.Subject, Route = route.Name, Partner = route.Partner,
            IdempotencyKey = HubEventConsumer.Key(route.Name, eventId), Payload = latest.Payload, Status = DeliveryStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        };
        db.Deliveries.Add(delivery);
        return $"queued the hub's latest {latest.Type} for '{subject}' to {route.Partner} through route {route.Name} (delivery {delivery.Id})";
    }

    private async Task<string> AcceptAsync(HubDbContext db, KindOptions kind, string accepted, string other, string? acceptedKey, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (IsHub(other) && !IsHub(accepted))
        {
            return await WriteHubFromAsync(db, kind, accepted, acceptedKey ?? key, now, cancellationToken);
        }

        return $"{accepted}'s values accepted; {other} keeps its copy until it changes";
    }

    private async Task<string> WriteHubFromAsync(HubDbContext db, KindOptions kind, string partner, string partnerKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var storedAs = StoredAs(kind, partner);
        if (!HubKind.All.TryGetValue(storedAs, out var hubKind) || !hubKind.Writable)
        {
            throw new ReconciliationRequestException("side", $"The hub cannot take {storedAs} records from a reconciliation.");
        }

        var copy = await db.PartnerRecords.AsNoTracking().FirstOrDefaultAsync(p => p.Partner == partner && p.Kind == storedAs && p.Key == partnerKey, cancellationToken)
            ?? throw new ReconciliationRequestException("side", $"{partner} holds no {storedAs} '{partnerKey}' any more.");
        var changed = await hubKind.WriteAsync(db, copy.Json, partner, now, cancellationToken);
        return changed ? $"hub record updated from {partner}'s {storedAs} (its change event raised for the normal routes)" : $"hub record already matched {partner}'s {storedAs}";
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "{By} resolved {Kind} {Key} ({Left}↔{Right}) by {Action}: {Outcome}")]
    private partial void LogResolved(string by, string action, string kind, string key, string left, string right, string outcome);
}
