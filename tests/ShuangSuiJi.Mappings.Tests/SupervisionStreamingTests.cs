using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Mappings.Wire;
using ShuangSuiJi.Mappings.Supervision;

namespace ShuangSuiJi.Mappings.Tests;

/// <summary>SUP results read from the page's tokens (the pull's path) map exactly as from a JSON DOM (the files' path).</summary>
public sealed class SupervisionStreamingTests
{
    private static readonly CanonicalValidator Validator = new(new DateOnly(2025, 7, 1));

    public static TheoryData<string> Layouts => ["as-is", "compact", "crlf", "odd"];

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Results_ReadFromTokens_MapAsFromJsonObjects(string layout)
    {
        var text = Layout(GoldenFile.ReadText("SUP", "results.in.json"), layout);

        var fromDom = ((JArray)JObject.Parse(text)["data"]!["list"]!).OfType<JObject>().Select((j, i) => SupervisionRegister.Result(j, $"record {i + 1}", Validator)).ToList();
        var envelope = SupPageReader.Read(text, SupResultWire.Read);
        var streamed = envelope.List.Select((w, i) => SupervisionRegister.Result(w, $"record {i + 1}", Validator)).ToList();

        Assert.Equal(("0000", "成功", 3L, 1, 500), (envelope.Code, envelope.Message, envelope.Total, envelope.PageNo, envelope.PageSize));
        Assert.Equal(fromDom.Select(Describe), streamed.Select(Describe));
        Assert.Contains(streamed, r => !r.Accepted);
    }

    [Fact]
    public void Read_OfAnAnswerThatIsNotJson_ThrowsTheReadersException()
    {
        Assert.Throws<JsonReaderException>(() => SupPageReader.Read("{\"code\":\"0000\",\"data\":{\"list\":[", SupResultWire.Read));
        Assert.Throws<JsonReaderException>(() => SupPageReader.Read("[]", SupResultWire.Read));
        Assert.Throws<JsonReaderException>(() => SupPageReader.Read("{\"code\":\"0000\"} {}", SupResultWire.Read));
        Assert.Throws<JsonReaderException>(() => SupPageReader.Read("{\"code\":\"0000\",\"data\":{\"list\":[{\"RWBH\":\"x\"", SupResultWire.Read));
    }

    private static string Describe(PulledRecord<InspectionResult> r) =>
        $"{r.Key} {r.Location} {string.Join(";", r.Errors.Select(e => $"{e.Field}:{e.Reason}"))} {(r.Record is null ? "-" : CanonicalJson.Write(r.Record))} {r.Payload}";

    /// <summary>The golden page laid out as SUP might send it.</summary>
    private static string Layout(string text, string layout) => layout switch
    {
        "compact" => JObject.Parse(text).ToString(Formatting.None),
        "crlf" => text.ReplaceLineEndings("\r\n"),
        // Scalars where strings are expected, nulls, an unknown field, a non-object in the list, comments, a lone \r.
        "odd" => text
            .Replace("\"JCFS\": \"1\"", "\"JCFS\": 1 /* a number */", StringComparison.Ordinal)
            .Replace("\"WTMS\": \"\"", "\"WTMS\": null,\r\"EXTRA\": {\"a\": [1, 2]}", StringComparison.Ordinal)
            .Replace("\"list\": [", "\"list\": [ 7,", StringComparison.Ordinal),
        _ => text,
    };
}
