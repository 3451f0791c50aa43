using System.Text;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Mappings.Supervision;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Mappings.Tests;

/// <summary>
/// Golden files for every partner kind in <see cref="WireMappings"/>: <c>Golden/&lt;PARTNER&gt;/&lt;kind&gt;.in.&lt;ext&gt;</c>
/// (the partner's payload) maps to <c>&lt;kind&gt;.in.canonical.json</c>; <c>&lt;kind&gt;.out.canonical.json</c> renders
/// to <c>&lt;kind&gt;.out.&lt;ext&gt;</c> (the payload the partner receives). Expected files are compared as text and a
/// failure names the first differing line. To accept a deliberate change, run
/// <c>SSJ_UPDATE_GOLDEN=1 dotnet test tests/ShuangSuiJi.Mappings.Tests --filter GoldenTests</c>: the expected files are
/// rewritten (never the inputs); review the diff and commit it on its own, saying why.
/// </summary>
public sealed class GoldenTests
{
    /// <summary>A fixed clock: receipt times and "today" of the validation do not move between runs.</summary>
    private static readonly WireContext Context = new(new FakeTimeProvider(new DateTimeOffset(2025, 8, 1, 9, 0, 0, TimeSpan.FromHours(8))));

    public static TheoryData<string, string> Inbound => [.. WireMappings.All.Where(m => m.Direction == WireDirection.In).Select(m => (m.Partner, m.Kind))];

    public static TheoryData<string, string> Outbound => [.. WireMappings.All.Where(m => m.Direction == WireDirection.Out).Select(m => (m.Partner, m.Kind))];

    private static WireMapping Mapping(string partner, string kind, WireDirection direction) =>
        WireMappings.Find(partner, kind, direction) ?? throw new InvalidOperationException($"no {partner}/{kind} {direction}");

    private static async Task<IReadOnlyList<MappedRecord>> ReadAsync(string partner, string kind)
    {
        var mapping = Mapping(partner, kind, WireDirection.In);
        return await mapping.ReadAsync!(GoldenFile.Read(partner, mapping.FileName), Context, TestContext.Current.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(Inbound))]
    public async Task Inbound_PayloadMapsToTheGoldenCanonicalJson_WithAtLeastOneRefusal(string partner, string kind)
    {
        var records = await ReadAsync(partner, kind);

        GoldenFile.Match(partner, $"{kind}.in.canonical.json", CanonicalJson.Report(records) + "\n");
        Assert.Contains(records, r => !r.Refused);
        Assert.Contains(records, r => r.Refused && r.Errors.Count > 0);
    }

    [Theory]
    [MemberData(nameof(Outbound))]
    public void Outbound_CanonicalJsonRendersToTheGoldenPayload(string partner, string kind)
    {
        var mapping = Mapping(partner, kind, WireDirection.Out);

        var rendered = mapping.Render!(GoldenFile.ReadText(partner, $"{kind}.out.canonical.json"), Context);

        GoldenFile.Match(partner, mapping.FileName, rendered.Wire);
    }

    [Theory]
    [InlineData("SUP", "departments", "360103-XX", "Level", "BMJB '7' is not 1-4")]
    [InlineData("SUP", "users", "xh-wjw-guest", "Roles", "JS role '05' is not 01-04")]
    [InlineData("SUP", "items", "SX-WJ-014", "Methods", "JCFS method '5' is not 1-4")]
    [InlineData("SUP", "inspectors", "赣36010012346", "Status", "ZT '2' is not \"1\" or \"0\"")]
    [InlineData("SUP", "plans", "JH2025-360103-005", "Frequency", "CCPC '3次/年'")]
    [InlineData("SUP", "results", "RW2025-360103-0042|91360103MA38B2LM2D|360103-SCJG", "Outcome", "JCJG '10' is not an outcome code")]
    [InlineData("SUP", "evaluations", "PJ20250614000002", "Rating", "MYD '6' is not 1-5")]
    [InlineData("SUP", "evaluations", "PJ20250614000002", "Channel", "QD 'WX'")]
    [InlineData("GS", "targets", "91360103MA38B2LM2D", "CreditCode", "check character")]
    [InlineData("GS", "targets", "91360102MA35K7QW13", "EntityType", "enttype '2190'")]
    [InlineData("GS", "inspectors", "赣36010012349", "Status", "status '04' is not 01, 02 or 03")]
    [InlineData("FX", "grades", "91360103MA38B2LM2D", "CreditCode", "check character")]
    [InlineData("FX", "grades", "11360000014500283D", "Grade", "'信用风险极高（E类）' is not one of")]
    [InlineData("CF", "decisions", "赣市监处罚〔2025〕16号", "PenaltyKind", "penaltyKind 'DETENTION'")]
    [InlineData("CF", "decisions", "赣市监处罚〔2025〕17号", "TargetCreditCode", "91360103ma38b2lm2x")]
    [InlineData("ZJ", "tasks", "ZJ2025-0011", "CooperatingDepartmentCodes[1]", "orgs[1] '11360000O14500283D'")]
    [InlineData("ZJ", "tasks", "ZJ2025-0012", "WindowEnd", "end_date '2025/12/31' is not yyyy-MM-dd")]
    public async Task Inbound_RefusedRecord_NamesItsFieldAndReason(string partner, string kind, string key, string field, string reason)
    {
        var records = await ReadAsync(partner, kind);

        var refused = Assert.Single(records, r => r.Key == key);
        Assert.True(refused.Refused);
        Assert.Contains(refused.Errors, e => e.Field == field && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("CF", "clues", 1, "raises no case lead")]
    [InlineData("ZJ", "results", 2, "360104-SCJG has no unified social credit code")]
    [InlineData("ZJ", "tasks", 1, "360103-GAJ have no unified social credit code")]
    [InlineData("ZJ", "plans", 1, "360104-YJJ have no unified social credit code")]
    public void Outbound_RecordThePartnerCannotTake_IsRefusedByPosition(string partner, string kind, int index, string reason)
    {
        var rendered = Mapping(partner, kind, WireDirection.Out).Render!(GoldenFile.ReadText(partner, $"{kind}.out.canonical.json"), Context);

        var refusal = Assert.Single(rendered.Refusals);
        Assert.Equal(index, refusal.Index);
        Assert.Contains(reason, refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GsTargets_RenderedBackAndReadAgain_AreTheSameTargets()
    {
        var mapping = Mapping("GS", "targets", WireDirection.In);
        var targets = (await ReadAsync("GS", "targets")).Where(r => !r.Refused).Select(r => (Target)r.Record!).ToList();

        var wire = mapping.Render!(CanonicalJson.Write(targets), Context).Wire;
        var again = await mapping.ReadAsync!(Encoding.UTF8.GetBytes(wire), Context, TestContext.Current.CancellationToken);

        Assert.Equal(2, targets.Count);
        Assert.All(again, r => Assert.False(r.Refused, string.Join("; ", r.Errors)));
        Assert.Equal(CanonicalJson.Write(targets), CanonicalJson.Write(again.Select(r => (Target)r.Record!).ToList()));
    }

    [Fact]
    public void SupResults_RenderedAndReadBack_KeepEveryMeaningfulField()
    {
        var canonical = CanonicalJson.ReadArray<ResultRecorded>(GoldenFile.ReadText("SUP", "results.out.canonical.json"));
        var wire = JArray.Parse(Mapping("SUP", "results", WireDirection.Out).Render!(GoldenFile.ReadText("SUP", "results.out.canonical.json"), Context).Wire);
        var validator = new CanonicalValidator(new DateOnly(2025, 8, 1));

        for (var i = 0; i < canonical.Count; i++)
        {
            var json = (JObject)wire[i];
            json["GXSJ"] = "2025-06-20 10:00:00"; // SUP adds its update time when it serves a result back
            var back = SupervisionRegister.Result(json, "round trip", validator);
            var original = canonical[i].Result;

            Assert.True(back.Accepted, string.Join("; ", back.Errors));
            Assert.Equal(canonical[i].TargetName, (string?)json["QYMC"]);
            Assert.Equal(
                CanonicalJson.Write(original with { Provenance = back.Record!.Provenance, PublicisedOn = null }),
                CanonicalJson.Write(back.Record));
        }
    }

    [Fact]
    public void SupPlans_RenderedAndReadBack_KeepEveryMeaningfulField()
    {
        var canonical = CanonicalJson.ReadArray<Plan>(GoldenFile.ReadText("SUP", "plans.out.canonical.json"));
        var wire = JArray.Parse(Mapping("SUP", "plans", WireDirection.Out).Render!(GoldenFile.ReadText("SUP", "plans.out.canonical.json"), Context).Wire);
        var validator = new CanonicalValidator(new DateOnly(2025, 8, 1));

        for (var i = 0; i < canonical.Count; i++)
        {
            var json = (JObject)wire[i];
            json["SHZT"] = "0"; // pending review, as SUP lists a plan it has just received
            json["GXSJ"] = "2025-04-01 10:00:00";
            var back = SupervisionRegister.Plan(json, "round trip", validator);

            Assert.True(back.Accepted, string.Join("; ", back.Errors));
            Assert.Equal(CanonicalJson.Write(canonical[i] with { Provenance = back.Record!.Provenance }), CanonicalJson.Write(back.Record));
        }
    }
}
