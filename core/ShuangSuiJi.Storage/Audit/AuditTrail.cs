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

    /// <summary>
    /// Appends one entry and runs <paramref name="alongside"/> on the same store in the same transaction: both are
    /// kept or neither is (for example a purge and the entry that records it).
    /// </summary>
    /// <returns>The entry as stored and what <paramref name="alongside"/> returned.</returns>
    Task<(AuditEntry Entry, int Affected)> RecordAlongsideAsync(AuditRecord record, Func<HubDbContext, CancellationToken, Task<int>> alongside, CancellationToken cancellationToken);
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

    public async Task<AuditEntry> RecordAsync(AuditRecord record, CancellationToken cancellationToken) =>
        (await AppendAsync(record, null, cancellationToken).ConfigureAwait(false)).Entry;

    public Task<(AuditEntry Entry, int Affected)> RecordAlongsideAsync(AuditRecord record, Func<HubDbContext, CancellationToken, Task<int>> alongside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alongside);
        return AppendAsync(record, alongside, cancellationToken);
    }

    private async Task<(AuditEntry Entry, int Affected)> AppendAsync(AuditRecord record, Func<HubDbContext, CancellationToken, Task<int>>? alongside, CancellationToken cancellationToken)
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
                try
                {
                    if (alongside is null)
                    {
                        return (await AppendToHeadAsync(db, record, cancellationToken).ConfigureAwait(false), 0);
                    }

                    // One transaction for the entry and the work it records, inside the provider's execution strategy
                    // (which retries a transient failure as a whole).
                    return await db.Database.CreateExecutionStrategy().ExecuteAsync(
                        async token =>
                        {
                            db.ChangeTracker.Clear();
                            await using var transaction = await db.Database.BeginTransactionAsync(token).ConfigureAwait(false);
                            var entry = await AppendToHeadAsync(db, record, token).ConfigureAwait(false);
                            var affected = await alongside(db, token).ConfigureAwait(false);
                            await transaction.CommitAsync(token).ConfigureAwait(false);
                            return (entry, affected);
                        },
                        cancellationToken).ConfigureAwait(false);
                }
                catch (DbUpdateException ex) when (attempt < MaxAttempts)
                {
                    // Another instance appended first (same sequence) or the file was locked: retry on the new head.
                    LogRetry(logger, attempt, ex.InnerException?.Message ?? ex.Message);
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

    private async Task<AuditEntry> AppendToHeadAsync(HubDbContext db, AuditRecord record, CancellationToken cancellationToken)
    {
        var head = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var entry = Next(record, head?.Sequence ?? 0, head?.Hash ?? AuditChain.Genesis);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return entry;
    }

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

    [LoggerMessage(Level = LogLevel.Debug, Message = "An audit entry lost the race for the chain head (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, string reason);
}
