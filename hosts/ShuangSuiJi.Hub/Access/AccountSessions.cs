using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// Whether a session's account may still act: it exists, is neither disabled nor locked, and its password has not
/// changed since the login. The account row is read at most once per <see cref="ValidationInterval"/> per account
/// and hub process, not on every request; a change made in this process (<see cref="Forget"/>) counts at once, a
/// change made elsewhere (another instance, the database by hand) within the interval.
/// </summary>
internal sealed class AccountSessions(HubDbContextFactory stores, IMemoryCache cache, TimeProvider timeProvider)
{
    /// <summary>How long a checked account row is trusted: the longest a disabled or locked account keeps its sessions.</summary>
    public static readonly TimeSpan ValidationInterval = TimeSpan.FromSeconds(30);

    private sealed record State(bool Disabled, DateTimeOffset? LockedUntil, string Stamp);

    public async Task<bool> IsValidAsync(long id, string? stamp, CancellationToken cancellationToken)
    {
        var state = await cache.GetOrCreateAsync(Key(id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = ValidationInterval;
            await using var db = stores.CreateDbContext();
            var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
            return account is null ? null : new State(account.Disabled, account.LockedUntil, AccessClaims.StampOf(account));
        });
        return state is not null && !state.Disabled && !(state.LockedUntil > timeProvider.GetUtcNow()) && state.Stamp == stamp;
    }

    /// <summary>
    /// For a request that outlives its authentication (the live stream): true while a session's account may still act
    /// and the session is within <paramref name="absoluteLifetime"/> of its login. A principal without an account (an
    /// API key) was checked when it connected and holds for one <see cref="ValidationInterval"/>; its client reconnects.
    /// </summary>
    public async Task<bool> StillSignedInAsync(ClaimsPrincipal user, DateTimeOffset connectedAt, TimeSpan absoluteLifetime, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (AccessClaims.AccountId(user) is not { } id)
        {
            return now - connectedAt < ValidationInterval;
        }

        return AccessClaims.SignedInAtOf(user) is { } signedInAt && now - signedInAt < absoluteLifetime
            && await IsValidAsync(id, user.FindFirst(AccessClaims.Stamp)?.Value, cancellationToken);
    }

    /// <summary>Drops what is known of an account, after this process changed it.</summary>
    public void Forget(long id) => cache.Remove(Key(id));

    private static string Key(long id) => $"ssj:account:{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
