using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace ShuangSuiJi.Storage.Audit;

/// <summary>Where the chain first breaks and why.</summary>
/// <param name="Sequence">The first entry that does not verify (for a missing tail, the first missing sequence).</param>
/// <param name="Reason">What is wrong, in words an auditor can act on.</param>
public sealed record AuditBreak(long Sequence, string Reason);

/// <summary>The outcome of checking the whole chain.</summary>
/// <param name="Checked">Entries read.</param>
/// <param name="First">The first kept sequence (1 unless purged), null when the trail is empty.</param>
/// <param name="Last">The head's sequence.</param>
/// <param name="HeadHash">The head's hash: note it elsewhere to detect later removal of the newest entries.</param>
/// <param name="Break">The first break, or null when the chain is whole.</param>
public sealed record AuditVerification(long Checked, long? First, long? Last, string? HeadHash, AuditBreak? Break)
{
    public bool Intact => Break is null;
}

/// <summary>
/// Recomputes the SM3 chain from the oldest kept entry to the head. Detects an edited entry (its hash no longer
/// matches its content), a removed or inserted entry (a gap, or a previous hash that is not the entry before), a
/// chain cut from the front without a purge entry saying so, and, given the head noted earlier, a cut tail.
/// </summary>
public static partial class AuditVerifier
{
    /// <summary>Reads the chain in sequence order, streaming; reports progress every 10,000 entries.</summary>
    /// <param name="factory">The store.</param>
    /// <param name="expectedHead">A head noted earlier (sequence and hash): the chain must still contain it.</param>
    /// <param name="progress">Entries checked so far.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<AuditVerification> VerifyAsync(
        HubDbContextFactory factory,
        (long Sequence, string Hash)? expectedHead,
        IProgress<long>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = factory.CreateDbContext();
        long count = 0;
        AuditEntry? previous = null;
        long? first = null;
        string? firstPreviousHash = null;
        AuditBreak? found = null;
        var purges = new Dictionary<long, string>();
        string? expectedHashSeen = null;

        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (count % 10_000 == 0)
            {
                progress?.Report(count);
            }

            if (found is null)
            {
                found = Check(entry, previous);
            }

            if (first is null)
            {
                first = entry.Sequence;
                firstPreviousHash = entry.PreviousHash;
            }
            if (entry.Act == AuditActs.Purge && ParsePurge(entry) is { } purge)
            {
                purges[purge.FirstKept] = purge.PreviousHash;
            }

            if (expectedHead is { } head && entry.Sequence == head.Sequence)
            {
                expectedHashSeen = entry.Hash;
            }

            previous = entry;
        }

        progress?.Report(count);
        if (found is null && first is { } start && start != 1)
        {
            // The front was cut: only a purge entry naming this start (and the hash before it) makes that lawful.
            found = purges.TryGetValue(start, out var hashBefore) && hashBefore == firstPreviousHash
                ? null
                : new AuditBreak(start, $"the chain starts at entry {start.ToString(CultureInfo.InvariantCulture)} but no purge entry records removing the entries before it: entries were deleted from the front");
        }

        if (found is null && expectedHead is { } expected)
        {
            if (previous is null || previous.Sequence < expected.Sequence)
            {
                var missingFrom = (previous?.Sequence ?? 0) + 1;
                found = new AuditBreak(missingFrom, $"the chain ends at entry {(previous?.Sequence ?? 0).ToString(CultureInfo.InvariantCulture)} but entry {expected.Sequence.ToString(CultureInfo.InvariantCulture)} was noted before: the newest entries were deleted");
            }
            else if (expectedHashSeen is not null && !string.Equals(expectedHashSeen, expected.Hash, StringComparison.OrdinalIgnoreCase))
            {
                found = new AuditBreak(expected.Sequence, $"entry {expected.Sequence.ToString(CultureInfo.InvariantCulture)} has hash {expectedHashSeen}, not the {expected.Hash} noted before: the chain was rewritten");
            }
        }

        return new AuditVerification(count, first, previous?.Sequence, previous?.Hash, found);
    }

    private static AuditBreak? Check(AuditEntry entry, AuditEntry? previous)
    {
        var at = entry.Sequence.ToString(CultureInfo.InvariantCulture);
        if (previous is null)
        {
            if (entry.Sequence == 1 && entry.PreviousHash != AuditChain.Genesis)
            {
                return new AuditBreak(1, "entry 1 does not start from the genesis hash: the chain was rewritten");
            }
        }
        else if (entry.Sequence != previous.Sequence + 1)
        {
            var from = (previous.Sequence + 1).ToString(CultureInfo.InvariantCulture);
            var to = (entry.Sequence - 1).ToString(CultureInfo.InvariantCulture);
            return new AuditBreak(previous.Sequence + 1, from == to ? $"entry {from} is missing: it was deleted" : $"entries {from} to {to} are missing: they were deleted");
        }
        else if (entry.PreviousHash != previous.Hash)
        {
            return new AuditBreak(entry.Sequence, $"entry {at} does not follow entry {previous.Sequence.ToString(CultureInfo.InvariantCulture)}: its previous hash differs, so one of the two was replaced");
        }

        var hash = AuditChain.Hash(entry);
        return hash == entry.Hash
            ? null
            : new AuditBreak(entry.Sequence, $"entry {at} ({entry.At.ToString("O", CultureInfo.InvariantCulture)}, {entry.Act} by {entry.Actor}) does not match its hash: it was edited after it was written");
    }

    /// <summary>The subject and detail a purge entry carries.</summary>
    internal static string PurgeDetail(long removed, DateTimeOffset before, string previousHash) =>
        string.Create(CultureInfo.InvariantCulture, $"removed={removed}; before={before:O}; previousHash={previousHash}");

    private static (long FirstKept, string PreviousHash)? ParsePurge(AuditEntry entry)
    {
        if (!long.TryParse(entry.Subject, NumberStyles.None, CultureInfo.InvariantCulture, out var firstKept) || entry.Detail is null)
        {
            return null;
        }

        var match = PreviousHashPattern().Match(entry.Detail);
        return match.Success ? (firstKept, match.Groups[1].Value) : null;
    }

    [GeneratedRegex("previousHash=([0-9a-f]{64})")]
    private static partial Regex PreviousHashPattern();
}
