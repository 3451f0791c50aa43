using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Cli.Tests;

/// <summary><c>ssj audit verify</c> and <c>ssj audit export</c> against a real store.</summary>
public sealed class AuditCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Verify_IntactChain_ExitsZeroAndPrintsTheHead()
    {
        await using var store = await SeededAsync(4);

        var (exit, output, error) = await Ssj.RunAsync("audit", "verify", "--data-dir", store.Options.DataDirectory!);

        Assert.True(exit == 0, error);
        Assert.Contains("Intact: 4 entries, 1 to 4.", output, StringComparison.Ordinal);
        Assert.Matches("Head 4:[0-9a-f]{64}", output);
    }

    [Fact]
    public async Task Verify_AfterAnEdit_ExitsOneNamingTheFirstBrokenEntry()
    {
        await using var store = await SeededAsync(4);
        await using (var db = store.Factory.CreateDbContext())
        {
            await db.AuditEntries.Where(e => e.Sequence == 2).ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, "someone-else"), Ct);
        }

        var (exit, output, _) = await Ssj.RunAsync("audit", "verify", "--data-dir", store.Options.DataDirectory!);

        Assert.Equal(1, exit);
        Assert.Contains("BROKEN at entry 2:", output, StringComparison.Ordinal);
        Assert.Contains("edited", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WithABadHead_IsAUsageError()
    {
        await using var store = TestStore.Sqlite();

        var (exit, _, error) = await Ssj.RunAsync("audit", "verify", "--head", "12", "--data-dir", store.Options.DataDirectory!);

        Assert.Equal(2, exit);
        Assert.Contains("--head", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Csv_WritesEveryHashedFieldAndAuditsItself()
    {
        await using var store = await SeededAsync(3);
        var file = Path.Combine(store.Options.DataDirectory!, "audit.csv");

        var (exit, output, error) = await Ssj.RunAsync("audit", "export", "--out", file, "--data-dir", store.Options.DataDirectory!);

        Assert.True(exit == 0, error);
        Assert.Contains("3 entries written", output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(file, Ct);
        Assert.Equal("Sequence,At,Actor,Act,Subject,Outcome,Detail,Address,PreviousHash,Hash", lines[0]);
        Assert.Equal(4, lines.Length);
        await using var db = store.Factory.CreateDbContext();
        var last = await db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync(Ct);
        Assert.Equal((AuditActs.Export, "audit"), (last.Act, last.Subject));
    }

    private static async Task<TestStore> SeededAsync(int count)
    {
        var store = await TestStore.Sqlite().MigratedAsync();
        using var trail = new AuditTrail(store.Factory, TimeProvider.System, NullLogger<AuditTrail>.Instance);
        for (var i = 0; i < count; i++)
        {
            await trail.RecordAsync(new AuditRecord("admin", AuditActs.Resolution, $"inspector:SUP:GS:{i}", Detail: "accept SUP"), Ct);
        }

        return store;
    }
}
