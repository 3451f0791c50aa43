using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Cli.Tests;

public sealed class DrawCommandTests
{
    private const string VectorSeed = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

    [Fact]
    public async Task Generated_DrawThenVerify_Matches_AndASwappedTargetIsCaught()
    {
        var folder = Directory.CreateTempSubdirectory("ssj-draw-");
        try
        {
            var file = Path.Combine(folder.FullName, "draw.json");
            var draw = await Ssj.RunAsync("draw", "--generated", "5000", "--region", "360103", "--department", "360103-SCJG", "--department", "360103-WJW", "--seed-hex", VectorSeed, "--out", file);
            var verify = await Ssj.RunAsync("draw", "verify", file);

            var record = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).RootElement;
            var drawn = record.GetProperty("drawn").EnumerateArray().Select(d => d.GetProperty("creditCode").GetString()!).ToList();
            var spare = record.GetProperty("strata").EnumerateArray().SelectMany(s => s.GetProperty("eligible").EnumerateArray().Select(e => e.GetString()!)).First(c => !drawn.Contains(c));
            var tampered = Path.Combine(folder.FullName, "tampered.json");
            await File.WriteAllTextAsync(tampered, (await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).Replace($"\"creditCode\": \"{drawn[0]}\"", $"\"creditCode\": \"{spare}\"", StringComparison.Ordinal), TestContext.Current.CancellationToken);
            var caught = await Ssj.RunAsync("draw", "verify", tampered);

            Assert.True(draw.Exit == 0, draw.Error);
            Assert.Contains("seed commitment (SHA-256): 630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd", draw.Output, StringComparison.Ordinal);
            Assert.Equal(0, verify.Exit);
            Assert.StartsWith("MATCH", verify.Output, StringComparison.Ordinal);
            Assert.Equal(1, caught.Exit);
            Assert.Contains("MISMATCH", caught.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StoreTask_CommitThenDraw_RevealsTheCommittedSeedAndKeepsTheRecord()
    {
        await using var store = TestStore.Sqlite();
        var dir = store.Options.DataDirectory;
        await Ssj.RunAsync("db", "seed", "--targets", "2000", "--data-dir", dir);

        var uncommitted = await Ssj.RunAsync("draw", "--task", "RW2025-360103-0002", "--data-dir", dir);
        var commit = await Ssj.RunAsync("draw", "commit", "--task", "RW2025-360103-0002", "--data-dir", dir);
        var again = await Ssj.RunAsync("draw", "commit", "--task", "RW2025-360103-0002", "--data-dir", dir);
        var wrongSeed = await Ssj.RunAsync("draw", "--task", "RW2025-360103-0002", "--data-dir", dir, "--seed-hex", VectorSeed);
        var draw = await Ssj.RunAsync("draw", "--task", "RW2025-360103-0002", "--data-dir", dir);

        Assert.Equal(1, uncommitted.Exit);
        Assert.Contains("ssj draw commit --task RW2025-360103-0002", uncommitted.Error, StringComparison.Ordinal);
        Assert.Equal(0, commit.Exit);
        Assert.Equal(1, again.Exit);
        Assert.Contains("never replaced", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrongSeed.Exit);
        Assert.Contains("does not match", wrongSeed.Error, StringComparison.Ordinal);
        Assert.True(draw.Exit == 0, draw.Error);
        Assert.Contains("revealing the seed", draw.Output, StringComparison.Ordinal);

        await using var db = store.Factory.CreateDbContext();
        var seed = await db.TaskSeeds.SingleAsync(TestContext.Current.CancellationToken);
        var task = await db.Tasks.SingleAsync(t => t.TaskNumber == "RW2025-360103-0002", TestContext.Current.CancellationToken);
        var ledger = await db.Draws.SingleAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(seed.RevealedAt);
        Assert.Equal(seed.Commitment, task.SeedCommitment);
        Assert.True(Draw.Records.DrawVerifier.Verify(Draw.Records.DrawRecord.FromJson(ledger.RecordJson)).Match);
        Assert.Contains(seed.Seed, ledger.RecordJson, StringComparison.Ordinal);

        // 一公开: the draw went into the outbox in the same transaction, with the revealed seed and the drawn targets.
        var published = await db.Outbox.SingleAsync(m => m.Type == Exchange.Events.HubEventTypes.TaskDrawn, TestContext.Current.CancellationToken);
        var body = Exchange.Events.EventJson.Deserialize<Exchange.Events.TaskDrawn>(published.Payload);
        Assert.Equal("RW2025-360103-0002", published.Subject);
        Assert.Equal(seed.Seed, body.Draw.Seed);
        Assert.Equal(seed.Commitment, body.Draw.SeedCommitment);
        Assert.Equal(ledger.DrawnCount, body.Draw.Targets.Count);
        Assert.All(body.Draw.Targets, t => Assert.False(string.IsNullOrEmpty(t.Name)));

        // Every act, refused or done, in the audit trail under the operating-system user.
        var audit = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(
            ["Draw Refused", "DrawCommit Succeeded", "DrawCommit Refused", "Draw Refused", "Draw Succeeded"],
            audit.Select(e => $"{e.Act} {e.Outcome}"));
        Assert.All(audit, e => Assert.Equal($"cli:{Environment.UserName}", e.Actor));
        Assert.All(audit, e => Assert.Equal("RW2025-360103-0002", e.Subject));
    }

    [Theory]
    [InlineData("draw")]
    [InlineData("draw", "--generated", "50")]
    [InlineData("draw", "--generated", "1000", "--ratio", "1.5")]
    [InlineData("draw", "--generated", "1000", "--seed-hex", "abc")]
    public async Task BadDrawArguments_Exit2(params string[] args) => Assert.Equal(2, (await Ssj.RunAsync(args)).Exit);

    [Fact]
    public async Task Verify_MissingFile_Exits2() => Assert.Equal(2, (await Ssj.RunAsync("draw", "verify", "/nonexistent/draw.json")).Exit);
}
