using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Storage.Tests;

/// <summary>The SM3 hash chain of the audit trail: appends form one line, and every kind of tampering is named.</summary>
public abstract class AuditTrailTests
{
    protected abstract StorageProvider Provider { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Record_FiveActs_ChainVerifiesWithTheHeadReported()
    {
        await using var store = await (await TestStore.CreateAsync(Provider)).MigratedAsync();
        using var trail = Trail(store, new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero)));

        AuditEntry last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await trail.RecordAsync(new AuditRecord("admin", AuditActs.Login, $"admin #{i}", Address: "127.0.0.1"), Ct);
        }

        var result = await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct);

        Assert.True(result.Intact, result.Break?.Reason);
        Assert.Equal((5L, 1L, 5L), (result.Checked, result.First!.Value, result.Last!.Value));
        Assert.Equal(last.Hash, result.HeadHash);
        Assert.Equal(64, last.Hash.Length);
    }

    [Fact]
    public async Task Verify_EditedDetail_NamesThatEntry()
    {
        await using var store = await SeededAsync(5);
        await using (var db = store.Factory.CreateDbContext())
        {
            await db.AuditEntries.Where(e => e.Sequence == 3).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "reason rewritten"), Ct);
        }

        var result = await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct);

        Assert.Equal(3, result.Break?.Sequence);
        Assert.Contains("edited", result.Break!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EntryDeletedInTheMiddle_NamesTheGap()
    {
        await using var store = await SeededAsync(5);
        await using (var db = store.Factory.CreateDbContext())
        {
            await db.AuditEntries.Where(e => e.Sequence == 3).ExecuteDeleteAsync(Ct);
        }

        var result = await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct);

        Assert.Equal(3, result.Break?.Sequence);
        Assert.Contains("entry 3 is missing", result.Break!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FrontCutWithoutPurgeEntry_IsABreak()
    {
        await using var store = await SeededAsync(5);
        await using (var db = store.Factory.CreateDbContext())
        {
            await db.AuditEntries.Where(e => e.Sequence <= 2).ExecuteDeleteAsync(Ct);
        }

        var result = await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct);

        Assert.Equal(3, result.Break?.Sequence);
        Assert.Contains("deleted from the front", result.Break!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NewestEntriesDeleted_DetectedAgainstTheNotedHead()
    {
        await using var store = await SeededAsync(5);
        var noted = await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct);
        await using (var db = store.Factory.CreateDbContext())
        {
            await db.AuditEntries.Where(e => e.Sequence >= 4).ExecuteDeleteAsync(Ct);
        }

        var blind = await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct);
        var anchored = await AuditVerifier.VerifyAsync(store.Factory, (noted.Last!.Value, noted.HeadHash!), null, Ct);

        Assert.True(blind.Intact);
        Assert.Equal(4, anchored.Break?.Sequence);
        Assert.Contains("newest entries were deleted", anchored.Break!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_PastRetention_RemovesTheFrontAndTheChainStillVerifies()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var store = await (await TestStore.CreateAsync(Provider)).MigratedAsync();
        using var trail = Trail(store, clock);
        for (var i = 0; i < 3; i++)
        {
            await trail.RecordAsync(new AuditRecord("admin", AuditActs.Export, $"old {i}"), Ct);
        }

        clock.Advance(TimeSpan.FromDays(300));
        await trail.RecordAsync(new AuditRecord("admin", AuditActs.Export, "recent"), Ct);

        var removed = await new AuditRetention(store.Factory, trail, clock).PurgeAsync(200, "system", Ct);
        var result = await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct);

        Assert.Equal(3, removed);
        Assert.True(result.Intact, result.Break?.Reason);
        Assert.Equal((4L, 5L), (result.First!.Value, result.Last!.Value));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AuditRetention(store.Factory, trail, clock).PurgeAsync(90, "system", Ct).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task RecordAlongside_WorkFails_NeitherTheEntryNorTheWorkIsKept()
    {
        await using var store = await SeededAsync(3);
        using var trail = Trail(store, new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero)));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => trail.RecordAlongsideAsync(
            new AuditRecord("system", AuditActs.Purge, "2"),
            async (db, ct) =>
            {
                await db.AuditEntries.Where(e => e.Sequence == 1).ExecuteDeleteAsync(ct);
                throw new InvalidOperationException("the process died here");
            },
            Ct));

        await using var check = store.Factory.CreateDbContext();
        Assert.Equal("the process died here", error.Message);
        Assert.Equal([1L, 2L, 3L], await check.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(Ct));
        Assert.True((await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct)).Intact);
    }

    [Fact]
    public async Task RecordAlongside_WorkSucceeds_BothAreKept()
    {
        await using var store = await SeededAsync(3);
        using var trail = Trail(store, new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero)));

        var (entry, affected) = await trail.RecordAlongsideAsync(
            new AuditRecord("admin", AuditActs.Export, "three resolutions"),
            (db, ct) => db.AuditEntries.CountAsync(e => e.Act == AuditActs.Resolution, ct),
            Ct);

        Assert.Equal((4L, 3), (entry.Sequence, affected));
        Assert.True((await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct)).Intact);
    }

    [Fact]
    public async Task Record_TwoWritersAtOnce_OneUnbrokenLine()
    {
        await using var store = await (await TestStore.CreateAsync(Provider)).MigratedAsync();

        // Two trails stand for two hub processes: each serialises its own appends, not the other's.
        using var first = Trail(store, TimeProvider.System);
        using var second = Trail(store, TimeProvider.System);
        await Task.WhenAll(
            Task.Run(() => AppendAsync(first, "hub-a"), Ct),
            Task.Run(() => AppendAsync(second, "hub-b"), Ct));

        var result = await AuditVerifier.VerifyAsync(store.Factory, null, null, Ct);

        Assert.True(result.Intact, result.Break?.Reason);
        Assert.Equal(40, result.Checked);
        Assert.Equal(40, result.Last);

        static async Task AppendAsync(AuditTrail trail, string actor)
        {
            for (var i = 0; i < 20; i++)
            {
                await trail.RecordAsync(new AuditRecord(actor, AuditActs.Resubmit, $"delivery {i}"), TestContext.Current.CancellationToken);
            }
        }
    }

    private static AuditTrail Trail(TestStore store, TimeProvider time) => new(store.Factory, time, NullLogger<AuditTrail>.Instance);

    private async Task<TestStore> SeededAsync(int count)
    {
        var store = await (await TestStore.CreateAsync(Provider)).MigratedAsync();
        using var trail = Trail(store, new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero)));
        for (var i = 1; i <= count; i++)
        {
            await trail.RecordAsync(new AuditRecord("admin", AuditActs.Resolution, $"target:GS:FX:{i}", Detail: "push to FX: grade from FX"), Ct);
        }

        return store;
    }
}

public sealed class SqliteAuditTrailTests : AuditTrailTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class PostgreSqlAuditTrailTests : AuditTrailTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
