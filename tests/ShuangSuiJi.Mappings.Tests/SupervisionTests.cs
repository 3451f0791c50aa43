using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Mappings.Supervision;
using ShuangSuiJi.Simulators.Supervision;

namespace ShuangSuiJi.Mappings.Tests;

/// <summary>SUP end to end: HMAC-SM3 signing, code-in-body errors and paging with repeats against the SUP simulator.</summary>
public sealed class SupervisionTests : IDisposable
{
    private static readonly ProvinceGenerator Province = new(new GeneratorOptions { TargetCount = 100 });
    private static readonly IReadOnlyList<Department> Departments = Province.Departments();
    private static readonly IReadOnlyList<Inspector> Inspectors = [.. Province.Inspectors()];
    private readonly SupervisionSimulator _simulator = new(Departments, Inspectors);

    public void Dispose() => _simulator.Dispose();

    private ServiceProvider Services(string secret = SupervisionSimulator.AppSecret, int pageSize = 500, TimeProvider? clock = null)
    {
        var services = new ServiceCollection();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        return services.AddSupervisionAdapter(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Partners:SUP:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["Partners:SUP:AppKey"] = SupervisionSimulator.AppKey,
            ["Partners:SUP:AppSecret"] = secret,
            ["Partners:SUP:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build()).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static async Task<List<PulledRecord<T>>> PullAsync<T>(IRecordSource<T> source)
        where T : class
    {
        var records = new List<PulledRecord<T>>();
        await foreach (var record in source.PullAsync(null, TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task Departments_SignedAndPaged_WithRepeatsAcrossPages_ComeOnceEach()
    {
        _simulator.RepeatAcrossPages = true;
        using var services = Services(pageSize: 100);

        var records = await PullAsync(SupervisionSources.Departments(services.GetRequiredService<SupClient>(), TimeProvider.System));

        Assert.Equal(Departments.Count, records.Count);
        Assert.All(records, r => Assert.True(r.Accepted, string.Join("; ", r.Errors)));
        var byCode = records.ToDictionary(r => r.Key, r => r.Record!);
        Assert.All(Departments, d => Assert.Equal(d with { Provenance = byCode[d.Code].Provenance }, byCode[d.Code]));
        Assert.All(records, r => Assert.Equal("SUP", r.Record!.Provenance.Partner));
    }

    [Fact]
    public async Task Inspectors_MapWithMaskedIdInThePayload()
    {
        using var services = Services();

        var records = await PullAsync(SupervisionSources.Inspectors(services.GetRequiredService<SupClient>(), TimeProvider.System));

        Assert.Equal(Inspectors.Count, records.Count);
        var byCert = records.ToDictionary(r => r.Key);
        foreach (var inspector in Inspectors)
        {
            var got = byCert[inspector.CertificateNumber];
            Assert.True(got.Accepted, string.Join("; ", got.Errors));
            Assert.Equal(inspector.IdNumber, got.Record!.IdNumber);
            Assert.Equal(inspector.Expertise, got.Record.Expertise);
            Assert.Equal(inspector.RecusalScope, got.Record.RecusalScope);
            Assert.Equal(inspector.Status == InspectorStatus.OnDuty, got.Record.Status == InspectorStatus.OnDuty);
            Assert.DoesNotContain(inspector.IdNumber!.Value.Value, got.Payload, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WrongSecret_IsRefusedWith1001_NotRetried()
    {
        using var services = Services(secret: "wrong");

        var ex = await Assert.ThrowsAsync<PartnerException>(() => services.GetRequiredService<SupClient>().GetPageAsync("departments", 1, null, TestContext.Current.CancellationToken));

        Assert.Equal("1001", ex.PartnerCode);
        Assert.False(ex.Retryable);
    }

    [Fact]
    public async Task ClockSkewedBeyond300Seconds_Is1002()
    {
        var skewed = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddMinutes(-10)); // the hub's clock, not the simulator's
        using var services = Services(clock: skewed);

        var ex = await Assert.ThrowsAsync<PartnerException>(() => services.GetRequiredService<SupClient>().GetPageAsync("departments", 1, null, TestContext.Current.CancellationToken));

        Assert.Equal("1002", ex.PartnerCode);
        Assert.True(ex.Retryable);
    }

    [Fact]
    public async Task Busy5000_IsRetriedAndThePageArrives()
    {
        _simulator.BusyFor(2);
        using var services = Services();

        var page = await services.GetRequiredService<SupClient>().GetPageAsync("departments", 1, null, TestContext.Current.CancellationToken);

        Assert.Equal(Departments.Count, page.Total);
    }

    [Fact]
    public async Task Results_RepeatAnswersDuplicate()
    {
        using var services = Services();
        var client = services.GetRequiredService<SupClient>();
        var result = new JObject { ["RWBH"] = "RW2025-360103-0042", ["TYSHXYDM"] = "91360103MA38B2LM2C", ["BMBM"] = "360103-SCJG", ["JCJG"] = "06", ["JCFS"] = "1", ["JCRQ"] = "2025-06-12" };

        var first = await client.PostAsync("results", result, TestContext.Current.CancellationToken);
        var again = await client.PostAsync("results", result, TestContext.Current.CancellationToken);

        Assert.False((bool)first["duplicate"]!);
        Assert.True((bool)again["duplicate"]!);
        Assert.Single(_simulator.Results);
    }

    [Fact]
    public async Task PublishResult_CanonicalToSup_AndARepeatIsADuplicate()
    {
        using var services = Services();
        var publisher = new SupervisionPublisher(services.GetRequiredService<SupClient>());
        var result = new InspectionResult
        {
            TaskNumber = "RW2025-360103-0042",
            TargetCreditCode = "91360103MA38B2LM2C",
            DepartmentCode = "360103-SCJG",
            Outcome = ResultOutcome.Unqualified,
            Findings = "计量器具未按期检定",
            InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
            Method = CheckMethod.Online,
            InspectedOn = new DateOnly(2025, 6, 12),
            EnteredOn = new DateOnly(2025, 6, 13),
            Provenance = new Provenance("hub", "test", new DateTimeOffset(2025, 6, 12, 9, 0, 0, TimeSpan.FromHours(8))),
        };

        var first = await publisher.PublishResultAsync(result, "南昌市某某大药房有限公司", TestContext.Current.CancellationToken);
        var again = await publisher.PublishResultAsync(result, "南昌市某某大药房有限公司", TestContext.Current.CancellationToken);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        var held = Assert.Single(_simulator.Results).Value;
        Assert.Equal("09", (string?)held["JCJG"]);
        Assert.Equal("3", (string?)held["JCFS"]);
        Assert.Equal(2, ((JArray)held["JCRY"]!).Count);
    }

    [Fact]
    public async Task PublishTask_CarriesTargetsInspectorsAndTheWarningLight()
    {
        using var services = Services();
        var publisher = new SupervisionPublisher(services.GetRequiredService<SupClient>());
        var task = new InspectionTask
        {
            TaskNumber = "RW2025-360103-0042",
            PlanCode = "JH2025-360103-004",
            Name = "药品零售企业联合抽查",
            InitiatingDepartmentCode = "360103-SCJG",
            CooperatingDepartmentCodes = ["360103-WJW"],
            WindowStart = new DateOnly(2025, 5, 6),
            WindowEnd = new DateOnly(2025, 10, 31),
            WarningLight = WarningLight.Yellow,
            SeedCommitment = new string('c', 64),
            Provenance = new Provenance("hub", "draw", new DateTimeOffset(2025, 5, 6, 9, 30, 0, TimeSpan.FromHours(8))),
        };

        await publisher.PublishTaskAsync(SupervisionPublisher.ToWire(task,
            [("91360103MA38B2LM2C", "南昌市某某大药房有限公司", [("360103-SCJG", ["赣36010012345", "赣36010012346"]), ("360103-WJW", ["赣36010098765", "赣36010098770"])])]),
            TestContext.Current.CancellationToken);

        var held = _simulator.Tasks["RW2025-360103-0042"];
        Assert.Equal("Y", (string?)held["YJDJ"]);
        Assert.Equal(new string('c', 64), (string?)held["CQCN"]);
        Assert.Equal(2, ((JArray)held["DXQD"]![0]!["ZFRY"]!).Count);
    }
}
