using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.PenaltyCases;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Mappings.PenaltyCases;
using ShuangSuiJi.Simulators.PenaltyCases;

namespace ShuangSuiJi.Mappings.Tests;

/// <summary>CF end to end: OAuth2, idempotent leads, cursor paging and the 20/s ceiling against the CF simulator.</summary>
public sealed class PenaltyCasesTests : IDisposable
{
    private readonly PenaltyCasesSimulator _simulator = new();

    public void Dispose() => _simulator.Dispose();

    private ServiceProvider Services(int perSecond = 15) =>
        new ServiceCollection().AddPenaltyCasesAdapter(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Partners:CF:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["Partners:CF:ClientId"] = PenaltyCasesSimulator.ClientId,
            ["Partners:CF:ClientSecret"] = PenaltyCasesSimulator.ClientSecret,
            ["Partners:CF:RequestsPerSecond"] = perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Partners:CF:PageSize"] = "2",
        }).Build()).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

    private static InspectionResult Result(string target, ResultOutcome outcome = ResultOutcome.ProblemOrderedToCorrect) => new()
    {
        TaskNumber = "RW2025-360103-0042",
        TargetCreditCode = target,
        DepartmentCode = "360103-SCJG",
        Outcome = outcome,
        Findings = "未凭处方销售处方药",
        InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
        Method = CheckMethod.OnSite,
        InspectedOn = new DateOnly(2025, 6, 12),
        Provenance = new Provenance("hub", "test", new DateTimeOffset(2025, 6, 12, 9, 0, 0, TimeSpan.FromHours(8))),
    };

    [Fact]
    public async Task Lead_RaisedTwice_IsOneLeadWithOneId_AndOnlyProblemOutcomesRaiseOne()
    {
        using var services = Services();
        var partner = new PenaltyCasesPartner(services.GetRequiredService<CfClient>(), TimeProvider.System);

        var first = await partner.RaiseLeadAsync(Result("91360103MA38B2LM2C"), "南昌市某某大药房有限公司", TestContext.Current.CancellationToken);
        var again = await partner.RaiseLeadAsync(Result("91360103MA38B2LM2C"), "南昌市某某大药房有限公司", TestContext.Current.CancellationToken);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.PartnerId, again.PartnerId);
        Assert.Single(_simulator.Clues);
        Assert.True(partner.RaisesLead(Result("x", ResultOutcome.Unqualified)));
        Assert.False(partner.RaisesLead(Result("x", ResultOutcome.NoProblemFound)));
    }

    [Fact]
    public async Task SameKeyDifferentBody_Is422_APartnerError()
    {
        using var services = Services();
        var client = services.GetRequiredService<CfClient>();
        var clue = PenaltyCasesPartner.ToWire(Result("91360103MA38B2LM2C"), "南昌市某某大药房有限公司");
        await client.PostClueAsync(clue, TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<PartnerException>(() => client.PostClueAsync(clue with { Problem = "另一个问题" }, TestContext.Current.CancellationToken));

        Assert.Equal("422", ex.PartnerCode);
    }

    [Fact]
    public async Task ABurstOf60Leads_StaysUnderTheCeiling_AndAllArrive()
    {
        // Paced at half CF's ceiling, two permits in hand. Proven by a lower bound on the time taken (a loaded machine
        // can only make it slower); jitter may still bunch an arrival into a 429, which is waited out, never lost.
        using var services = Services(perSecond: 10);
        var started = TimeProvider.System.GetTimestamp();
        var partner = new PenaltyCasesPartner(services.GetRequiredService<CfClient>(), TimeProvider.System);
        var codes = Enumerable.Range(0, 60).Select(i => $"91360103MA38B2LM{i:00}").ToList();

        await Task.WhenAll(codes.Select(c => partner.RaiseLeadAsync(Result(c), "某某企业", TestContext.Current.CancellationToken)));

        Assert.Equal(60, _simulator.Clues.Count);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(57 * 0.1 * 0.9), "60 leads at 10/s take at least 5 s");
    }

    [Fact]
    public async Task Throttled429_IsWaitedOutWithRetryAfter()
    {
        _simulator.RequestsPerSecond = 3;
        using var services = Services(perSecond: 20); // the hub's limiter set above CF's (simulated) ceiling
        var partner = new PenaltyCasesPartner(services.GetRequiredService<CfClient>(), TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => partner.RaiseLeadAsync(Result($"91360103MA38B2LM{i:00}"), "某某企业", TestContext.Current.CancellationToken)));

        Assert.Equal(8, _simulator.Clues.Count);
        Assert.True(_simulator.Throttled > 0);
    }

    [Fact]
    public async Task Decisions_FollowTheCursorToTheEnd_AndBadOnesAreRefusedWithReasons()
    {
        foreach (var (no, kind) in new[] { ("赣市监处罚〔2025〕12号", "FINE"), ("赣市监处罚〔2025〕13号", "WARNING"), ("赣市监处罚〔2025〕14号", "JAIL"), ("赣市监处罚〔2025〕15号", "REVOCATION"), ("赣市监处罚〔2025〕16号", "FINE") })
        {
            _simulator.AddDecision(new JObject
            {
                ["decisionNo"] = no, ["clueId"] = "XS20250612000137", ["taskNo"] = "RW2025-360103-0042", ["uscc"] = "91360103MA38B2LM2C",
                ["entName"] = "南昌市某某大药房有限公司", ["decidedOn"] = "2025-07-20", ["penaltyKind"] = kind, ["fineAmount"] = kind == "FINE" ? "12000.00" : null, ["status"] = "DECIDED",
            });
        }

        using var services = Services();
        var partner = new PenaltyCasesPartner(services.GetRequiredService<CfClient>(), TimeProvider.System);
        var records = new List<PulledRecord<CaseDecision>>();
        await foreach (var record in partner.PullAsync(null, TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        Assert.Equal(5, records.Count);
        Assert.Equal(12000.00m, records[0].Record!.FineAmount);
        var refused = Assert.Single(records, r => !r.Accepted);
        Assert.Equal("page 2, item 1", refused.Location);
        Assert.Contains(refused.Errors, e => e.Reason.Contains("JAIL", StringComparison.Ordinal));
    }
}
