using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Cli.Tests;

public sealed partial class MapCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ssj-map-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task GsTargets_ReverseThenForward_RoundTrips_AndABadEntityExits1()
    {
        var targets = new ProvinceGenerator(new GeneratorOptions { TargetCount = 100 }).Targets().Take(3).Select(t => t with { RiskGrade = null }).ToList();
        var canonical = Path.Combine(_folder.FullName, "targets.json");
        await File.WriteAllTextAsync(canonical, JsonSerializer.Serialize(targets, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } }), TestContext.Current.CancellationToken);

        var reverse = await Ssj.RunAsync("map", "--partner", "GS", "--kind", "target", "--in", canonical, "--reverse");
        var xml = Path.Combine(_folder.FullName, "entities.xml");
        await File.WriteAllTextAsync(xml, reverse.Output, TestContext.Current.CancellationToken);
        var forward = await Ssj.RunAsync("map", "--partner", "GS", "--kind", "target", "--in", xml);
        await File.WriteAllTextAsync(xml, reverse.Output.Replace(targets[1].CreditCode, "91360103MA38B2LM2D", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var bad = await Ssj.RunAsync("map", "--partner", "GS", "--kind", "target", "--in", xml);

        Assert.Equal(0, reverse.Exit);
        Assert.Equal(0, forward.Exit);
        var records = JsonDocument.Parse(forward.Output).RootElement;
        Assert.Equal(3, records.GetArrayLength());
        Assert.Equal(targets[0].Name, records[0].GetProperty("record").GetProperty("name").GetString());
        Assert.Equal(1, bad.Exit);
        Assert.Contains("\"rejected\": true", bad.Output, StringComparison.Ordinal);
        Assert.Contains("CreditCode", bad.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FxGrades_GzipGb18030File_MapsEveryRow()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = Path.Combine(_folder.FullName, "full.csv.gz");
        await using (var gzip = new GZipStream(File.Create(file), CompressionLevel.Fastest))
        {
            var csv = "统一社会信用代码,企业名称,风险等级,分类日期,综合得分\r\n91360103MA38B2LM2C,南昌市某某大药房有限公司,信用风险低（A类）,2025/2/28,92.5\r\n"
                + "91360102MA35K7QW13,\"江西某某燃气有限公司,南昌分公司\",信用风险高（D类）,2025/2/28,38.25\r\n";
            await gzip.WriteAsync(Encoding.GetEncoding("GB18030").GetBytes(csv), TestContext.Current.CancellationToken);
        }

        var (exit, output, _) = await Ssj.RunAsync("map", "--partner", "FX", "--kind", "grade", "--in", file);

        Assert.Equal(0, exit);
        var records = JsonDocument.Parse(output).RootElement;
        Assert.Equal("D", records[1].GetProperty("record").GetProperty("grade").GetString());
        Assert.Equal("江西某某燃气有限公司,南昌分公司", records[1].GetProperty("record").GetProperty("name").GetString());
    }

    [Fact]
    public async Task UnknownMapping_Exits2() =>
        Assert.Equal(2, (await Ssj.RunAsync("map", "--partner", "ZJ", "--kind", "decisions", "--in", typeof(MapCommandTests).Assembly.Location)).Exit);

    [Fact]
    public async Task NotAPayloadOfTheKind_Exits2() =>
        Assert.Equal(2, (await Ssj.RunAsync("map", "--partner", "ZJ", "--kind", "task", "--in", typeof(MapCommandTests).Assembly.Location)).Exit);

    public static TheoryData<string, string, string> Inbound => [.. WireMappings.All.Where(m => m.Direction == WireDirection.In).Select(m => (m.Partner, m.Kind, m.FileName))];

    public static TheoryData<string, string, string> Outbound => [.. WireMappings.All.Where(m => m.Direction == WireDirection.Out).Select(m => (m.Partner, m.Kind, m.FileName))];

    [Theory]
    [MemberData(nameof(Inbound))]
    public async Task Map_EveryInboundKind_PrintsTheGoldenRecords_RefusedOnesMarked_AndExits1(string partner, string kind, string file)
    {
        var (exit, output, error) = await Ssj.RunAsync("map", "--partner", partner.ToLowerInvariant(), "--kind", kind, "--in", GoldenPayloads.PathOf(partner, file));

        Assert.True(exit == 1, error);
        Assert.Contains("\"rejected\": true", output, StringComparison.Ordinal);
        Assert.Matches(@"\d+ record\(s\), [1-9]\d* rejected", error);
        var golden = await File.ReadAllTextAsync(GoldenPayloads.PathOf(partner, $"{kind}.in.canonical.json"), TestContext.Current.CancellationToken);
        Assert.Equal(WithoutReceiptTimes(golden), WithoutReceiptTimes(output));
    }

    [Theory]
    [MemberData(nameof(Outbound))]
    public async Task MapReverse_EveryOutboundKind_PrintsTheGoldenPayload(string partner, string kind, string file)
    {
        var (exit, output, error) = await Ssj.RunAsync("map", "--partner", partner, "--kind", kind, "--reverse", "--in", GoldenPayloads.PathOf(partner, $"{kind}.out.canonical.json"));

        var golden = await File.ReadAllTextAsync(GoldenPayloads.PathOf(partner, file), TestContext.Current.CancellationToken);
        Assert.Equal(BatchDate().Replace(golden, "-DATE-"), BatchDate().Replace(output, "-DATE-"));

        // CF takes no lead for outcome 01, ZJ no record of a department without a credit code: exit 1, named.
        Assert.Equal(error.Contains("rejected", StringComparison.Ordinal) ? 1 : 0, exit);
    }

    [Fact]
    public async Task MapReverse_ZjResults_NamesTheRefusedRecord() =>
        Assert.Contains("record 3 rejected: department 360104-SCJG has no unified social credit code",
            (await Ssj.RunAsync("map", "--partner", "ZJ", "--kind", "RESULT", "--reverse", "--in", GoldenPayloads.PathOf("ZJ", "results.out.canonical.json"))).Error, StringComparison.Ordinal);

    [Fact]
    public async Task MapReverse_WirePayloadInsteadOfCanonical_Exits2() =>
        Assert.Equal(2, (await Ssj.RunAsync("map", "--partner", "SUP", "--kind", "results", "--reverse", "--in", GoldenPayloads.PathOf("SUP", "results.in.json"))).Exit);

    /// <summary>Partners that send no time of their own are stamped with the clock: the CLI's differs from the golden tests' fixed one.</summary>
    private static string WithoutReceiptTimes(string json)
    {
        var node = JsonNode.Parse(json)!; // the CLI's output and the golden file are JSON arrays
        foreach (var provenance in node.AsArray().Select(r => r?["record"]?["provenance"]).OfType<JsonObject>())
        {
            provenance["receivedAt"] = "";
        }

        return node.ToJsonString();
    }

    [GeneratedRegex(@"-\d{8}-(?=\d{4}"")")]
    private static partial Regex BatchDate();
}
