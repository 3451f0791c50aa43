using System.Text.Json;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Cli.Tests;

/// <summary><c>ssj reconcile</c> against a store: the JSON shape other tools read, and a clear refusal of an unknown kind.</summary>
public sealed class ReconcileCommandTests
{
    [Fact]
    public async Task Reconcile_PrintsCountsAndItemsAsJson()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        await using (var db = store.Factory.CreateDbContext())
        {
            var now = TimeProvider.System.GetUtcNow();
            foreach (var (partner, kind, json) in new[]
            {
                ("GS", "Target", """{"creditCode":"91360103MA38B2LM2C","name":"南昌市（东湖区）好药店"}"""),
                ("FX", "RiskAssessment", """{"creditCode":"91360103MA38B2LM2C","name":"南昌市(东湖区)好药店","grade":"B"}"""),
                ("GS", "Target", """{"creditCode":"91360103MA38B2LN0X","name":"南昌市好药店"}"""),
                ("FX", "RiskAssessment", """{"creditCode":"91360103MA38B2LN0X","name":"南昌市坏药店","grade":"C"}"""),
                ("GS", "Target", """{"creditCode":"91360103MA38B2LP7K","name":"只在公示系统"}"""),
            })
            {
                var key = JsonDocument.Parse(json).RootElement.GetProperty("creditCode").GetString()!;
                db.PartnerRecords.Add(new PartnerRecord { Partner = partner, Kind = kind, Key = key, Json = json, Hash = db.Cipher.ContentHash(json), UpdatedAt = now });
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var (exit, output, error) = await Ssj.RunAsync("reconcile", "--kind", "target", "--left", "GS", "--right", "FX", "--json", "--data-dir", store.Options.DataDirectory!);

        Assert.True(exit == 0, error);
        using var printed = JsonDocument.Parse(output);
        var counts = printed.RootElement.GetProperty("counts");
        Assert.Equal((1, 1, 0, 1, 0), (counts.GetProperty("identical").GetInt32(), counts.GetProperty("conflicting").GetInt32(), counts.GetProperty("missingLeft").GetInt32(), counts.GetProperty("missingRight").GetInt32(), counts.GetProperty("invalid").GetInt32()));
        var conflict = printed.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("class").GetString() == "Conflicting");
        Assert.Equal("name", conflict.GetProperty("fields")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task AnUnknownKind_IsRefusedWithTheKnownOnes()
    {
        await using var store = TestStore.Sqlite();

        var (exit, _, error) = await Ssj.RunAsync("reconcile", "--kind", "nope", "--left", "GS", "--right", "FX", "--data-dir", store.Options.DataDirectory!);

        Assert.Equal(2, exit);
        Assert.Contains("Unknown kind 'nope'; known:", error, StringComparison.Ordinal);
    }
}
