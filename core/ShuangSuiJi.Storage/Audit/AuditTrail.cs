using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ShuangSuiJi.Storage.Audit;

/// <summary>An administrative act to append to the audit trail.</summary>
/// <param name="Actor">Who acted (<see cref="AuditEntry.Actor"/>).</param>
/// <param name="Act">One of <see cref="AuditActs"/>.</param>
/// <param name="Subject">What it was done to.</param>
/// <param name="Outcome"><see cref="AuditOutcomes.Succeeded"/> or <see cref="AuditOutcomes.Refused"/>.</param>
/// <param name="Detail">Reason, figures, fields; never a secret.</param>
/// <param name="Address">The client's address, for acts over HTTP.</param>
public sealed record AuditRecord(
    string Actor,
    string Act,
    string Subject,
    string Outcome = AuditOutcomes.Succeeded,
    string? Detail = null,
    string? Address = null);

/// <summary>Appends administrative acts to the hash-chained audit trail.</summary>
public interface IAuditTrail
{
    /// <summary>Appends one entry after the current head and returns it as stored.</summary>
    Task<AuditEntry> RecordAsync(AuditRecord record, CancellationToken cancellationToken);
}

/// <summary>
/// Appends to the chain in the store. Each append reads the head and inserts the next sequence; the sequence is the
/// key, so when two hub instances race for the same head one insert fails and that writer retries on the new head:
/// the chain stays a single line across processes. Within a process appends are serialised to spare the retries.
/// </summary>
public sealed partial class AuditTrail(HubDbContextFactory factory, TimeProvider time, ILogger<AuditTrail> logger) : IAuditTrail, IDisposable
{
    /// <summary>Longest <see cref="AuditEntry.Detail"/> kept; longer detail is cut with a marker.</summary>
    public const int MaxDetail = 4000;

    private const int MaxAttempts = 50;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<AuditEntry> RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Act);
        ArgumentNullException.ThrowIfNull(record.Subject);

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = factory.CreateDbContext();
                var head = await db.AuditEntries.AsNoTracking()
                    .OrderByDescending(e => e.Sequence)
                    .Select(e => new { e.Sequence, e.Hash })
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                var entry = Next(record, head?.Sequence ?? 0, head?.Hash ?? AuditChain.Genesis);
                db.AuditEntries.Add(entry);
                try
                {
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return entry;
                }
                catch (DbUpdateException ex) when (attempt < MaxAttempts)
                {
                    // Another instance appended first (same sequence) or the file was locked: retry on the new head.
                    LogRetry(logger, entry.Sequence, attempt, ex.InnerException?.Message ?? ex.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt), time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private AuditEntry Next(AuditRecord record, long sequence, string previousHash)
    {
        var now = time.GetUtcNow();
        var entry = new AuditEntry
        {
            Sequence = sequence + 1,
            // Whole milliseconds: every provider stores them exactly, so the hash still matches when read back.
            At = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            Actor = Cut(record.Actor, 128),
            Act = Cut(record.Act, 40),
            Subject = Cut(record.Subject, 400),
            Outcome = Cut(record.Outcome, 20),
            Detail = record.Detail is null ? null : Cut(record.Detail, MaxDetail),
            Address = record.Address is null ? null : Cut(record.Address, 64),
            PreviousHash = previousHash,
            Hash = string.Empty,
        };
        entry.Hash = AuditChain.Hash(entry);
        return entry;
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Audit entry {Sequence} lost the race for the chain head (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, long sequence, int attempt, string reason);
}
