using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShuangSuiJi.Adapters.RiskClassification;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Mappings.RiskClassification;
using ShuangSuiJi.Simulators.RiskClassification;

namespace ShuangSuiJi.Mappings.Tests;

/// <summary>FX end to end: streamed gzip GB18030 exports and partial-success feedback against the FX simulator.</summary>
public sealed class RiskClassificationTests : IDisposable
{
    private static readonly IReadOnlyList<Target> Directory = BuildDirectory();
    private readonly RiskClassificationSimulator _simulator = new(Directory);

    /// <summary>Generated targets plus the contract's own awkward name: a comma inside quotes.</summary>
    private static List<Target> BuildDirectory()
    {
        var targets = new ProvinceGenerator(new GeneratorOptions { TargetCount = 3_000, Seed = 5 }).Targets().ToList();
        targets[0] = targets[0] with { Name = "江西某某燃气有限公司,南昌分公司", RiskGrade = RiskGrade.D };
        targets[1] = targets[1] with { Name = "南昌市青山湖区某某便利店(个体工商户)\"旗舰\"" };
        return targets;
    }

    public void Dispose() => _simulator.Dispose();

    private ServiceProvider Services(string key = RiskClassificationSimulator.ApiKey) =>
        new ServiceCollection().AddRiskClassificationAdapter(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Partners:FX:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["Partners:FX:ApiKey"] = key,
        }).Build()).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

    private static RiskClassificationPartner Partner(ServiceProvider services) =>
        new(services.GetRequiredService<FxClient>(), new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task FullExport_StreamsEveryRow_WithGradesNamesAndScores()
    {
        using var services = Services();
        var records = new List<PulledRecord<RiskAssessment>>();

        await foreach (var record in Partner(services).PullFullAsync(new DateOnly(2025, 2, 28), TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        Assert.Equal(Directory.Count, records.Count);
        Assert.All(records, r => Assert.True(r.Accepted, string.Join("; ", r.Errors)));
        var byCode = records.ToDictionary(r => r.Key, r => r.Record!);
        Assert.All(Directory, t => Assert.Equal(t.RiskGrade, byCode[t.CreditCode].Grade));
        Assert.Equal("江西某某燃气有限公司,南昌分公司", byCode[Directory[0].CreditCode].Name);
        Assert.Equal("南昌市青山湖区某某便利店(个体工商户)\"旗舰\"", byCode[Directory[1].CreditCode].Name);
        Assert.All(records, r => Assert.Equal(new DateOnly(2025, 2, 28), r.Record!.ClassifiedOn));
        Assert.All(records, r => Assert.InRange(r.Record!.Score!.Value, 30m, 100m));
        Assert.Equal("line 2", records[0].Location);
    }

    [Fact]
    public async Task IncrementalExport_CarriesNewChangedAndRemoved_AndRefusesBadLinesWithReasons()
    {
        _simulator.AddChange(Directory[2].CreditCode, RiskGrade.C, "变更");
        _simulator.AddChange(Directory[3].CreditCode, null, "删除");
        _simulator.AddChange("91360103MA38B2LM2D", RiskGrade.A, "新增");
        using var services = Services();
        var records = new List<PulledRecord<RiskAssessment>>();

        await foreach (var record in Partner(services).PullChangesAsync(new DateOnly(2025, 3, 1), TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        Assert.Equal(3, records.Count);
        Assert.Equal(RiskGrade.C, records[0].Record!.Grade);
        Assert.True(records[1].Record!.Removed);
        Assert.Null(records[1].Record!.Grade);
        Assert.False(records[2].Accepted);
        Assert.Contains(records[2].Errors, e => e.Field == "CreditCode" && e.Reason.Contains("expected 'C'", StringComparison.Ordinal));
        Assert.Equal("line 4", records[2].Location);
        Assert.Contains("91360103MA38B2LM2D", records[2].Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongApiKey_IsAPartnerError()
    {
        using var services = Services("nope");

        var ex = await Assert.ThrowsAsync<PartnerException>(async () =>
        {
            await foreach (var _ in Partner(services).PullFullAsync(new DateOnly(2025, 2, 28), TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal("401", ex.PartnerCode);
        Assert.False(ex.Retryable);
    }

    [Fact]
    public async Task Results_InBatches_PartialSuccessKeepsEachRefusalByPosition()
    {
        using var services = Services();
        var provenance = new Provenance("hub", "test", new DateTimeOffset(2025, 6, 12, 9, 0, 0, TimeSpan.FromHours(8)));
        var results = Enumerable.Range(0, 2_500).Select(i => new InspectionResult
        {
            TaskNumber = "RW2025-360103-0042",
            TargetCreditCode = i == 1_234 ? "91360103MA38B2LM2C" : Directory[i % Directory.Count].CreditCode,
            DepartmentCode = "360103-SCJG",
            Outcome = ResultOutcome.ProblemOrderedToCorrect,
            InspectorCertificateNumbers = ["赣36010300001", "赣36010300002"],
            Method = CheckMethod.OnSite,
            InspectedOn = new DateOnly(2025, 6, 12),
            Provenance = provenance,
        }).ToList();

        var outcome = await Partner(services).PublishResultsAsync(results, 1000, TestContext.Current.CancellationToken);

        Assert.Equal(2_500, outcome.Count);
        Assert.Equal("统一社会信用代码不存在", outcome[1_234]);
        Assert.Equal(2_499, outcome.Count(o => o is null));
        Assert.Equal(2_499, _simulator.ReceivedResults.Count);
        Assert.All(_simulator.ReceivedResults, r => Assert.Equal("06", (string?)r["jcjgdm"]));
    }
}
