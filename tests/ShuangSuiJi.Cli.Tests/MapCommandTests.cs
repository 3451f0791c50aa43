using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ShuangSuiJi.Generation;

namespace ShuangSuiJi.Cli.Tests;

public sealed class MapCommandTests : IDisposable
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
        Assert.Equal(2, (await Ssj.RunAsync("map", "--partner", "ZJ", "--kind", "task", "--in", typeof(MapCommandTests).Assembly.Location)).Exit);
}
