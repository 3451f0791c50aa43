using Mapster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ShuangSuiJi.Adapters.CreditPublicity;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Mappings.CreditPublicity;
using ShuangSuiJi.Simulators.CreditPublicity;

namespace ShuangSuiJi.Mappings.Tests;

/// <summary>GS end to end: the adapter and mapping against the GS simulator, over real HTTP on loopback.</summary>
public sealed class CreditPublicityTests : IDisposable
{
    private static readonly IReadOnlyList<Target> Directory = [.. new ProvinceGenerator(new GeneratorOptions { TargetCount = 2_500, Seed = 3 }).Targets()];
    private static readonly IReadOnlyList<Inspector> Roster = [.. new ProvinceGenerator(new GeneratorOptions { TargetCount = 2_500, Seed = 3 }).Inspectors().Take(1_500)];
    private readonly CreditPublicitySimulator _simulator = new(Directory, Roster);

    public void Dispose() => _simulator.Dispose();

    private ServiceProvider Services(string password = CreditPublicitySimulator.Password, int pageSize = 1000)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Partners:GS:BaseUrl"] = _simulator.BaseUrl.ToString(),
            ["Partners:GS:Username"] = CreditPublicitySimulator.Username,
            ["Partners:GS:Password"] = password,
            ["Partners:GS:PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection().AddCreditPublicityAdapter(configuration).BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static async Task<List<PulledRecord<Target>>> PullAllAsync(ServiceProvider services, DateTimeOffset? since = null)
    {
        var source = new CreditPublicityTargetSource(services.GetRequiredService<GsClient>(), new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        var records = new List<PulledRecord<Target>>();
        await foreach (var record in source.PullTargetsAsync(since, TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task Pull_EveryPageInGb18030_GivesEveryTargetAsGenerated()
    {
        using var services = Services();

        var records = await PullAllAsync(services);

        Assert.Equal(Directory.Count, records.Count);
        Assert.All(records, r => Assert.True(r.Accepted, string.Join("; ", r.Errors)));
        Assert.Equal(3, _simulator.EntityRequests);
        var byCode = Directory.ToDictionary(t => t.CreditCode);
        Assert.All(records, r =>
        {
            var expected = byCode[r.Key] with { RiskGrade = null, Provenance = r.Record!.Provenance }; // GS carries no grade
            Assert.Equal(expected.ToString(), (r.Record with { Tags = expected.Tags }).ToString());
            Assert.Equal(expected.Tags, r.Record.Tags);
            Assert.Equal("GS", r.Record.Provenance.Partner);
        });
    }

    [Fact]
    public async Task Inspectors_GetTheirProvinceCharacterBack_AndMatchTheRoster()
    {
        using var services = Services();
        var source = new CreditPublicityInspectorSource(services.GetRequiredService<GsClient>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GsOptions>>(), new FakeTimeProvider(new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        var records = new List<PulledRecord<Inspector>>();
        await foreach (var record in source.PullAsync(null, TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        Assert.Equal(Roster.Count, records.Count);
        var byCert = records.ToDictionary(r => r.Key);
        Assert.All(Roster, i =>
        {
            var got = byCert[i.CertificateNumber].Record;
            Assert.NotNull(got);
            Assert.Equal(i.Status, got.Status);
            Assert.Equal(i.Expertise, got.Expertise);
            Assert.Equal(i.CertificateValidTo, got.CertificateValidTo);
            Assert.Null(got.IdNumber); // GS holds no ID numbers
        });
    }

    [Fact]
    public async Task RecordsRepeatedAcrossPages_AreYieldedOnce()
    {
        _simulator.RepeatAcrossPages = true;
        using var services = Services(pageSize: 700);

        var records = await PullAllAsync(services);

        Assert.Equal(Directory.Count, records.Count);
        Assert.Equal(Directory.Count, records.Select(r => r.Key).Distinct().Count());
        Assert.Equal(4, _simulator.EntityRequests);
    }

    [Fact]
    public async Task ExpiredToken_IsRenewedOnceAndThePullGoesOn()
    {
        using var services = Services();
        var client = services.GetRequiredService<GsClient>();
        await client.GetEntitiesAsync(null, 1, TestContext.Current.CancellationToken);

        _simulator.ExpireToken();
        var page = await client.GetEntitiesAsync(null, 2, TestContext.Current.CancellationToken);

        Assert.Equal(1000, page.Entities.Count);
    }

    [Fact]
    public async Task BadCredentials_AreAPartnerErrorWithGsCode()
    {
        using var services = Services(password: "wrong");

        var ex = await Assert.ThrowsAsync<PartnerException>(() => services.GetRequiredService<GsClient>().GetEntitiesAsync(null, 1, TestContext.Current.CancellationToken));

        Assert.Equal("GS", ex.Partner);
        Assert.Equal("token", ex.Operation);
    }

    [Fact]
    public async Task InvalidEntity_IsRefusedWithItsReasons_TheRestGoOn()
    {
        _simulator.AddRawEntity("<entity><uniscid>91360103MA38B2LM2D</uniscid><entname>（测试）坏代码有限公司</entname><enttype>8800</enttype><regorg>360103-SCJG</regorg><estdate>20190412</estdate><regstate>1</regstate><industryco>F5251</industryco><modified>20250302101500</modified></entity>");
        using var services = Services();

        var records = await PullAllAsync(services);

        var refused = Assert.Single(records, r => !r.Accepted);
        Assert.Equal(Directory.Count, records.Count(r => r.Accepted));
        Assert.Equal("91360103MA38B2LM2D", refused.Key);
        Assert.Contains(refused.Errors, e => e.Field == "EntityType" && e.Reason.Contains("8800", StringComparison.Ordinal));
        Assert.Contains("坏代码", refused.Payload, StringComparison.Ordinal);
        Assert.Equal("page 3, entity 501", refused.Location);
    }

    [Fact]
    public async Task ModifiedSince_AfterTheDirectoryWasStamped_ReturnsNothing()
    {
        using var services = Services();

        var records = await PullAllAsync(services, Directory[0].Provenance.ReceivedAt.AddSeconds(1));

        Assert.Empty(records);
    }

    [Fact]
    public void Register_TargetToGsAndBack_KeepsEveryFieldGsCarries()
    {
        var config = new TypeAdapterConfig();
        new CreditPublicityRegister().Register(config);
        var validator = new Core.Validation.CanonicalValidator(new DateOnly(2025, 7, 1));

        foreach (var target in Directory.Take(200))
        {
            var wire = target.Adapt<GsEntity>(config);
            var back = CreditPublicityRegister.ToCanonical(wire, "test", validator, target.Provenance.ReceivedAt).Record!;

            Assert.Equal((target with { RiskGrade = null, Tags = back.Tags, Provenance = back.Provenance }).ToString(), (back with { Tags = back.Tags }).ToString());
            Assert.Equal(target.Tags, back.Tags);
            Assert.Equal(target.Provenance.ReceivedAt, back.Provenance.ReceivedAt);
        }
    }

    private static InspectionResult Result(string outcomeTask = "RW2025-360103-0042") => new()
    {
        TaskNumber = outcomeTask,
        TargetCreditCode = Directory[0].CreditCode,
        DepartmentCode = "360103-SCJG",
        Outcome = ResultOutcome.ProblemOrderedToCorrect,
        Findings = "未明码标价",
        InspectorCertificateNumbers = ["赣36010300001", "赣36010300002"],
        Method = CheckMethod.ProfessionalBody,
        InspectedOn = new DateOnly(2025, 6, 12),
        Provenance = new Provenance("hub", "test", new DateTimeOffset(2025, 6, 12, 9, 0, 0, TimeSpan.FromHours(8))),
    };

    [Fact]
    public async Task PublishResult_GsHoldsTheNoticeWithItsCodes_AndARepeatIsIdempotent()
    {
        using var services = Services();
        var publisher = new CreditPublicityPublisher(services.GetRequiredService<GsClient>());

        var first = await publisher.PublishResultAsync(Result(), Directory[0].Name, TestContext.Current.CancellationToken);
        var again = await publisher.PublishResultAsync(Result(), Directory[0].Name, TestContext.Current.CancellationToken);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.PartnerId, again.PartnerId);
        var held = Assert.Single(_simulator.Notices).Value.Notice;
        Assert.Equal("6", held.Element("result")?.Value);
        Assert.Equal("专业机构核查", held.Element("method")?.Value);
        Assert.Equal("20250612", held.Element("checkdate")?.Value);
        Assert.Equal(Directory[0].Name, held.Element("entname")?.Value);
    }

    [Fact]
    public async Task PublishDraw_GsReceivesTheTargetsWithCommitmentAndSeed()
    {
        using var services = Services();
        var publisher = new CreditPublicityPublisher(services.GetRequiredService<GsClient>());
        var draw = new DrawPublication("RW2025-360103-0042", "药品零售企业联合抽查", "360103-SCJG", new DateTimeOffset(2025, 5, 6, 1, 30, 0, TimeSpan.Zero),
            new string('a', 64), new string('b', 64), [.. Directory.Take(3).Select(t => (t.CreditCode, t.Name))]);

        await publisher.PublishDrawAsync(draw, TestContext.Current.CancellationToken);

        var received = Assert.Single(_simulator.ReceivedDraws);
        Assert.Equal("20250506093000", received.Element("drawtime")?.Value);
        Assert.Equal(3, received.Element("targets")?.Elements("target").Count());
        Assert.Equal(Directory[0].Name, received.Element("targets")?.Elements("target").First().Attribute("entname")?.Value);
    }
}
