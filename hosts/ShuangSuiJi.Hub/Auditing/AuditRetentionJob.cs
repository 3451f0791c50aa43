using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Auditing;

/// <summary>
/// The daily <c>audit-retention</c> job: purges entries past <c>Audit:RetentionDays</c> (the purge is itself
/// audited), then writes the chain's head to the log, so operators hold an anchor outside the store for
/// <c>ssj audit verify --head SEQUENCE:HASH</c>.
/// </summary>
internal sealed partial class AuditRetentionJob(AuditRetention retention, HubDbContextFactory factory, IOptions<AuditOptions> options, ILogger<AuditRetentionJob> logger)
{
    public const string Name = "audit-retention";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        var removed = await retention.PurgeAsync(days, "system", cancellationToken);
        if (removed > 0)
        {
            LogPurged(removed, days);
        }

        await using var db = factory.CreateDbContext();
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (head is not null)
        {
            LogHead(head.Sequence, head.Hash);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit trail: purged {Removed} entries older than {RetentionDays} days")]
    private partial void LogPurged(int removed, int retentionDays);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit trail head {Head}: note it outside the hub and check later with ssj audit verify --head")]
    private partial void LogHeadCore(string head);

    private void LogHead(long sequence, string hash) => LogHeadCore(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sequence}:{hash}"));
}
