using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace ShuangSuiJi.Storage.Audit;

/// <summary>The <c>Audit</c> section.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>The least retention the rules allow: six months.</summary>
    public const int MinimumRetentionDays = 183;

    /// <summary>Entries older than this are purged by the daily retention job; at least 183 days (six months).</summary>
    [Range(MinimumRetentionDays, 36_600, ErrorMessage = "Audit:RetentionDays must be at least 183 (six months) and at most 36600.")]
    public int RetentionDays { get; set; } = 400;

    /// <summary>When the hub's daily retention job runs: a cron expression in China time.</summary>
    /// <value>Default <c>30 3 * * *</c> (03:30 every day).</value>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Audit:RetentionSchedule is required (a cron expression).")]
    public string RetentionSchedule { get; set; } = "30 3 * * *";
}

/// <summary>
/// Removes entries past the retention from the front of the chain. The purge is itself audited, in the same
/// transaction as the delete, naming the first kept sequence and the hash before it, so the verifier can tell a
/// lawful purge from a deletion.
/// </summary>
public sealed class AuditRetention(HubDbContextFactory factory, IAuditTrail trail, TimeProvider time)
{
    /// <summary>Purges entries older than <paramref name="retentionDays"/>; returns how many were removed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Retention shorter than six months.</exception>
    public async Task<int> PurgeAsync(int retentionDays, string actor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, AuditOptions.MinimumRetentionDays);
        var before = time.GetUtcNow().AddDays(-retentionDays);
        await using var db = factory.CreateDbContext();
        var last = await db.AuditEntries.AsNoTracking()
            .Where(e => e.At < before)
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (last is null)
        {
            return 0;
        }

        var removed = await db.AuditEntries.CountAsync(e => e.Sequence <= last.Sequence, cancellationToken).ConfigureAwait(false);

        // The purge entry and the delete in one transaction: a crash between them can no longer leave an entry that
        // claims a purge of rows still there.
        var (_, deleted) = await trail.RecordAlongsideAsync(
            new AuditRecord(
                actor,
                AuditActs.Purge,
                (last.Sequence + 1).ToString(CultureInfo.InvariantCulture),
                Detail: AuditVerifier.PurgeDetail(removed, before, last.Hash)),
            (store, token) => store.AuditEntries.Where(e => e.Sequence <= last.Sequence).ExecuteDeleteAsync(token),
            cancellationToken).ConfigureAwait(false);
        return deleted;
    }
}
