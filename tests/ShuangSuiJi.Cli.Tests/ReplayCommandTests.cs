using ShuangSuiJi.Generation;
using ShuangSuiJi.Simulators.CreditPublicity;
using ShuangSuiJi.Simulators.NationalPlatform;
using ShuangSuiJi.Simulators.PenaltyCases;
using ShuangSuiJi.Simulators.Supervision;

namespace ShuangSuiJi.Cli.Tests;

/// <summary><c>ssj replay</c> against the in-process simulators: real HTTP on loopback, signed and authorised by the adapters' clients.</summary>
public sealed class ReplayCommandTests
{
    private static readonly ProvinceGenerator Province = new(new GeneratorOptions { TargetCount = 100 });

    private static string Host(Uri baseUrl) => baseUrl.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task SupResults_Canonical_AreMappedSignedAndTaken_AndAReplayIsADuplicate()
    {
        using var sup = new SupervisionSimulator(Province.Departments(), [.. Province.Inspectors()]);
        var file = GoldenPayloads.PathOf("SUP", "results.out.canonical.json");

        var first = await Ssj.RunAsync("replay", "--partner", "SUP", "--kind", "results", "--in", file, "--to", Host(sup.BaseUrl));
        var again = await Ssj.RunAsync("replay", "--partner", "sup", "--kind", "results", "--in", file, "--to", Host(sup.BaseUrl));

        Assert.True(first.Exit == 0, first.Output + first.Error);
        Assert.Equal(3, sup.Results.Count);
        Assert.Equal("06", (string?)sup.Results["RW2025-360103-0042|91360103MA38B2LM2C|360103-SCJG"]["JCJG"]);
        Assert.Contains("canonical JSON mapped to the wire", first.Output, StringComparison.Ordinal);
        Assert.Contains("> POST " + sup.BaseUrl + "results", first.Output, StringComparison.Ordinal);
        Assert.Matches("> X-Sign: [0-9a-f]{64}", first.Output);
        Assert.Contains("\"code\":\"0000\"", first.Output, StringComparison.Ordinal);
        Assert.Contains("record 1: taken", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.Exit);
        Assert.Contains("record 3: taken before (duplicate)", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZjResultBatch_Canonical_IsSignedAndTicketed_AndTheRefusalsAreNamed_Exit1()
    {
        using var zj = new NationalPlatformSimulator(["11360103MB0000000E"]);

        var (exit, output, error) = await Ssj.RunAsync("replay", "--partner", "ZJ", "--kind", "RESULT",
            "--in", GoldenPayloads.PathOf("ZJ", "results.out.canonical.json"), "--to", Host(zj.BaseUrl));

        Assert.True(exit == 1, output + error);
        Assert.Equal(1, zj.AcceptedRecords);
        Assert.Contains("record 3: rejected by the mapping: department 360104-SCJG has no unified social credit code", output, StringComparison.Ordinal);
        Assert.Contains("> Authorization: SAMR-HMAC-SHA256 appid=360000-hub, ts=", output, StringComparison.Ordinal);
        Assert.Matches("ticket T-[^:]+: PARTIAL, 1 accepted, 1 refused", output);
        Assert.Contains("record 2: refused E201 org_code unknown", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZjResultBatch_WirePayload_IsSentAsIs()
    {
        using var zj = new NationalPlatformSimulator(["11360103MB0000000E", "11360103MB0000010F"]);

        var (exit, output, error) = await Ssj.RunAsync("replay", "--partner", "ZJ", "--kind", "results",
            "--in", GoldenPayloads.PathOf("ZJ", "results.out.json"), "--to", zj.BaseUrl.ToString());

        Assert.True(exit == 0, output + error);
        Assert.Contains("not canonical JSON: sent as the wire payload", output, StringComparison.Ordinal);
        Assert.Contains("batch 360000-RESULT-20250801-0001", output, StringComparison.Ordinal);
        Assert.Equal(2, zj.AcceptedRecords);
    }

    [Fact]
    public async Task CfFolder_All_ReplaysTheClueFilesByName_SkipsTheRest_AndTheSameLeadIsRaisedOnce()
    {
        using var cf = new PenaltyCasesSimulator();

        var (exit, output, error) = await Ssj.RunAsync("replay", "--partner", "CF", "--all", Path.Combine(GoldenPayloads.Folder.FullName, "CF"), "--to", Host(cf.BaseUrl));

        Assert.True(exit == 1, output + error); // the canonical file holds a result with outcome 01: no lead, refused by the mapping
        Assert.Equal(2, cf.Clues.Count);
        Assert.Contains("skipped decisions.in.json", output, StringComparison.Ordinal);
        Assert.Contains("skipped decisions.in.canonical.json", output, StringComparison.Ordinal);
        Assert.Contains("(same Idempotency-Key, 200)", output, StringComparison.Ordinal);
        Assert.Contains("> (form with credentials, not shown)", output, StringComparison.Ordinal);
        Assert.DoesNotContain(PenaltyCasesSimulator.ClientSecret, output, StringComparison.Ordinal);
        Assert.Contains("2 file(s) replayed to CF", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GsFolder_All_ReplaysDrawsAndNotices_OneAfterTheOther()
    {
        using var gs = new CreditPublicitySimulator(Province.Targets().Take(10));

        var (exit, output, error) = await Ssj.RunAsync("replay", "--partner", "GS", "--all", Path.Combine(GoldenPayloads.Folder.FullName, "GS"), "--to", Host(gs.BaseUrl));

        Assert.True(exit == 0, output + error);
        Assert.Contains("4 file(s) replayed to GS", output, StringComparison.Ordinal);
        Assert.NotEmpty(gs.ReceivedDraws);
        Assert.NotEmpty(gs.Notices);
    }

    [Theory]
    [InlineData("replay", "--partner", "SUP", "--kind", "departments", "--in", "{golden}/SUP/departments.in.json", "--to", "http://127.0.0.1:9")]
    [InlineData("replay", "--partner", "SUP", "--in", "{golden}/SUP/results.out.json", "--to", "http://127.0.0.1:9")]
    [InlineData("replay", "--partner", "SUP", "--kind", "results", "--to", "http://127.0.0.1:9")]
    [InlineData("replay", "--partner", "SUP", "--kind", "results", "--in", "{golden}/SUP/results.out.json", "--to", "ftp://127.0.0.1:9")]
    public async Task BadReplayArguments_Exit2(params string[] args) =>
        Assert.Equal(2, (await Ssj.RunAsync([.. args.Select(a => a.Replace("{golden}", GoldenPayloads.Folder.FullName, StringComparison.Ordinal))])).Exit);

}
