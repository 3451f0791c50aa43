using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

/// <summary><c>/api/audit/verify</c> on a hub of its own (the test edits the trail behind the hub's back).</summary>
public sealed class AuditVerifyApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Verify_IsIntact_UntilAnEntryIsEditedInTheStore_ThenNamesIt(StorageProvider provider)
    {
        await using var factory = new HubFactory(await TestStore.CreateAsync(provider), new Dictionary<string, string?> { ["Hub:SeedOnStart"] = "false" });
        await factory.WaitUntilReadyAsync(Ct);
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using (await client.PostAsJsonAsync("/api/deliveries/resubmit", new { partner = "ZJ", route = $"route-{i}" }, Ct))
            {
            }
        }

        var intact = await client.GetFromJsonAsync<JsonElement>("/api/audit/verify", HubFactory.Json, Ct);
        long edited;
        await using (var db = factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            edited = await db.AuditEntries.Where(e => e.Subject == "dead letters of ZJ route-1").Select(e => e.Sequence).SingleAsync(Ct);
            await db.AuditEntries.Where(e => e.Sequence == edited).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "99 resubmitted"), Ct);
        }

        var broken = await client.GetFromJsonAsync<JsonElement>("/api/audit/verify", HubFactory.Json, Ct);

        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
        Assert.True(intact.GetProperty("checked").GetInt64() >= 3);
        Assert.False(broken.GetProperty("intact").GetBoolean());
        Assert.Equal(edited, broken.GetProperty("break").GetProperty("sequence").GetInt64());
        Assert.Contains("edited", broken.GetProperty("break").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
