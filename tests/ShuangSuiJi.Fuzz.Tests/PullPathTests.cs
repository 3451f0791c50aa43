using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Simulators;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>
/// Hostile records inside a real pull: the SUP simulator serves a page of results with records of the wrong shape and
/// size among good ones; the pull goes through the adapter, the mapping and the pull writer as scheduled pulls do.
/// </summary>
public sealed class PullPathTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task SupResultsPageWithHostileRecords_KeepsTheGoodOnes_RefusesEachHostileOneWithItsReason(StorageProvider provider)
    {
        await using var store = await (await TestStore.CreateAsync(provider)).MigratedAsync();
        using var simulators = new PartnerSimulatorSet(300, 20250101);
        await using var services = await StartAsync(store, simulators);
        var good = new ProvinceGenerator(new GeneratorOptions { TargetCount = 300, Seed = 20250101 }).Results().Take(5).ToList();
        simulators.EnterResults(good.Select(r => (r, "某某公司")));
        var template = simulators.Sup.Results.Values.First();
        JObject Hostile(string task, Action<JObject> spoil)
        {
            var record = (JObject)template.DeepClone();
            record["RWBH"] = task;
            spoil(record);
            return record;
        }

        Assert.True(simulators.Sup.EnterResult(Hostile("RW-HOSTILE-OBJECT", r => r["TYSHXYDM"] = new JObject { ["$ne"] = new JArray(1, new JObject()) })));
        Assert.True(simulators.Sup.EnterResult(Hostile("RW-HOSTILE-LIST", r => r["JCRY"] = new JArray(new JObject { ["x"] = 1 }, JValue.CreateNull()))));
        Assert.True(simulators.Sup.EnterResult(Hostile("RW-HOSTILE-HUGE", r => r["WTMS"] = new string('问', 3 << 20))));
        Assert.True(simulators.Sup.EnterResult(Hostile("RW-HOSTILE-NUMBER", r => r["JCJG"] = 1e308)));

        var run = await services.GetRequiredService<PullRunner>().PullAsync("SUP/results", null, Ct);

        Assert.Null(run.Error);
        Assert.Equal("partial", run.Status);
        Assert.Equal((good.Count, 4), (run.Counts.Accepted, run.Counts.Rejected));
        await using var db = store.Factory.CreateDbContext();
        Assert.Equal(good.Count, await db.Results.CountAsync(Ct));
        var refused = await db.RejectedRecords.AsNoTracking().Where(r => r.Exchange == "SUP/results").ToListAsync(Ct);
        Assert.Equal(4, refused.Count);
        Assert.All(refused, r => Assert.Equal(("SUP", "InspectionResult"), (r.Partner, r.Kind)));
        Assert.All(refused, r => Assert.StartsWith("page 1, record ", r.Location, StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Key.StartsWith("RW-HOSTILE-OBJECT", StringComparison.Ordinal) && r.Errors.Contains("TYSHXYDM is a JSON object", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Key.StartsWith("RW-HOSTILE-LIST", StringComparison.Ordinal) && r.Errors.Contains("JCRY[0] is a JSON object", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Key.StartsWith("RW-HOSTILE-HUGE", StringComparison.Ordinal) && r.Errors.Contains("Findings: 3145728 characters, more than the 2000", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Key.StartsWith("RW-HOSTILE-NUMBER", StringComparison.Ordinal) && r.Errors.Contains("is not an outcome code", StringComparison.Ordinal));
        var log = await db.ExchangeLog.AsNoTracking().Where(l => l.Operation == "SUP/results").SingleAsync(Ct);
        Assert.Equal(("partial", good.Count, 4), (log.Status, log.Accepted, log.Rejected));
    }

    private static Task<ServiceProvider> StartAsync(TestStore store, PartnerSimulatorSet simulators)
    {
        var settings = store.Settings.Concat(simulators.Settings).Concat(new Dictionary<string, string?>
        {
            ["Exchange:RecordOfTruth:InspectionResult"] = "SUP",
            ["Exchange:InstanceName"] = "fuzz-hub",
        }).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHubStorage(configuration);
        services.AddConfiguredPartners(configuration, PartnerModules.Load(["ShuangSuiJi.Mappings"]));
        services.AddHubExchanges(configuration);
        return Task.FromResult(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true })); // a pull needs no bus
    }
}
