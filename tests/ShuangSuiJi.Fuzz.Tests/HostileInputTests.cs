using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using ShuangSuiJi.Adapters.RiskClassification;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>Hand-made hostile inputs for the partner parsers: entity expansion, external entities, deep nesting, gzip bombs, oversized fields.</summary>
[Collection(BombCollection.Name)]
public sealed class HostileInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WireMapping In(string partner, string kind) => WireMappings.Find(partner, kind, WireDirection.In) ?? throw new InvalidOperationException($"no {partner}/{kind}");

    private static Task<IReadOnlyList<MappedRecord>> ReadAsync(string partner, string kind, byte[] payload) =>
        In(partner, kind).ReadAsync!(payload, WireMappingFuzzTests.Context, Ct); // inbound mappings read

    private const string BillionLaughs = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <response><head><code>0</code><message>&lol9;</message></head><body><total>1</total></body></response>
        """;

    private const string ExternalEntity = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE response [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <response><head><code>0</code><message>成功</message></head>
        <body><total>1</total><entity><uniscid>&xxe;</uniscid><entname>x</entname></entity></body></response>
        """;

    [Theory]
    [InlineData("targets")]
    [InlineData("inspectors")]
    public async Task GsXml_BillionLaughs_IsRefusedBecauseDtdsAreProhibited(string kind)
    {
        var (retained, _) = await Memory.MeasureAsync(async () =>
        {
            var ex = await Assert.ThrowsAsync<PartnerException>(() => ReadAsync("GS", kind, Encoding.UTF8.GetBytes(BillionLaughs)));

            Assert.Equal(("GS", "malformed"), (ex.Partner, ex.PartnerCode));
            Assert.Contains("DTD", ex.PartnerMessage, StringComparison.Ordinal);
        });
        Assert.InRange(retained, long.MinValue, 16L << 20);
    }

    [Fact]
    public async Task GsXml_ExternalEntity_IsRefusedAndNothingIsRead()
    {
        var ex = await Assert.ThrowsAsync<PartnerException>(() => ReadAsync("GS", "targets", Encoding.UTF8.GetBytes(ExternalEntity)));

        Assert.Contains("DTD", ex.PartnerMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", ex.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x-no-such-encoding")]
    [InlineData("UTF-16")]
    [InlineData("GB18030")]
    public async Task GsXml_DeclaredEncodingThatIsWrongOrUnknown_GivesRecordsOrATypedError(string encoding)
    {
        var golden = Encoding.UTF8.GetString(Golden.Read("GS", "targets.in.xml"));
        var declared = System.Text.RegularExpressions.Regex.Replace(golden, "encoding=\"[^\"]+\"", $"encoding=\"{encoding}\"");

        var outcome = new FuzzOutcome($"GS/targets declared {encoding}");
        await outcome.TryAsync(0, Encoding.UTF8.GetBytes(declared), async b => { var r = await ReadAsync("GS", "targets", b); return (r.Count, r.Count(x => x.Refused)); }, WireMappingFuzzTests.Typed);

        Assert.Empty(outcome.Crashes);
    }

    [Fact]
    public async Task GsXml_NestedAHundredThousandDeep_IsRefusedAtTheDepthLimit()
    {
        // Found by this test: XDocument read it, then spent minutes of CPU on the entity's text.
        var deep = new StringBuilder("<?xml version=\"1.0\"?><response><head><code>0</code></head><body><total>1</total><entity><uniscid>");
        deep.Insert(deep.Length, "<x>", 100_000).Append("91360103MA38B2LM2C").Insert(deep.Length, "</x>", 100_000).Append("</uniscid></entity></body></response>");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<PartnerException>(() => ReadAsync("GS", "targets", Encoding.UTF8.GetBytes(deep.ToString())));

        Assert.Contains($"deeper than {Adapters.CreditPublicity.GsXml.MaxDepth}", ex.PartnerMessage, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("SUP", "departments")]
    [InlineData("CF", "decisions")]
    [InlineData("ZJ", "tasks")]
    public async Task Json_NestedTenThousandDeep_IsRefusedAtTheDepthLimit(string partner, string kind)
    {
        var deep = Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000));

        var ex = await Assert.ThrowsAsync<JsonReaderException>(() => ReadAsync(partner, kind, deep));

        Assert.Contains($"MaxDepth of {WirePayload.MaxDepth}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupClient_PageNestedTenThousandDeep_IsAMalformedAnswer()
    {
        var body = "{\"code\":\"0000\",\"msg\":\"成功\",\"data\":{\"total\":1,\"pageNo\":1,\"pageSize\":500,\"list\":[{\"BMBM\":" + new string('[', 10_000) + new string(']', 10_000) + "}]}}";
        using var http = new HttpClient(new Answer(body)) { BaseAddress = new Uri("http://sup.invalid/xzxf/api/v1/") };
        var client = new SupClient(http, Options.Create(new SupOptions { BaseUrl = http.BaseAddress, AppKey = "k", AppSecret = "s" }), TimeProvider.System);

        var ex = await Assert.ThrowsAsync<PartnerException>(() => client.GetPageAsync("departments", 1, null, Ct));

        Assert.Equal(("SUP", "malformed"), (ex.Partner, ex.PartnerCode));
        Assert.Contains("MaxDepth", ex.PartnerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FxExport_GzipBombOfTenMegabytesOfZeros_IsRefusedWithBoundedMemory()
    {
        var bomb = Gzip(Enumerable.Repeat(new byte[1 << 20], 10));
        Assert.InRange(bomb.Length, 1, 64 << 10); // about 10 KB on the wire

        var (retained, allocated) = await Memory.MeasureAsync(async () =>
        {
            var ex = await Assert.ThrowsAsync<PartnerException>(() => DrainAsync(bomb, FxClient.DefaultMaxExportBytes));
            Assert.Equal("FX", ex.Partner);
            Assert.Contains("line 1", ex.PartnerMessage, StringComparison.Ordinal);
        });

        Assert.InRange(retained, long.MinValue, 16L << 20);
        Assert.InRange(allocated, 0, 64L << 20);
    }

    [Fact]
    public async Task FxExport_GzipBombOfRows_StopsAtTheDecompressedLimitWithBoundedMemory()
    {
        var row = Encoding.ASCII.GetBytes("91360103MA38B2LM2C,x,A,2025-01-01,1\n");
        var header = Encoding.GetEncoding("GB18030").GetBytes("统一社会信用代码,企业名称,风险等级,分类日期,综合得分\n");
        var bomb = Gzip([header, .. Enumerable.Repeat(Repeat(row, 1 << 20), 7)], CompressionLevel.Fastest); // about 260 MB of rows, generated on the fly
        TestContext.Current.TestOutputHelper?.WriteLine($"bomb: {bomb.Length:N0} bytes compressed");
        long rows = 0;

        var (retained, allocated) = await Memory.MeasureAsync(async () =>
        {
            var ex = await Assert.ThrowsAsync<PartnerException>(async () => rows = await DrainAsync(bomb, 8L << 20));
            Assert.Equal(("FX", "too-large"), (ex.Partner, ex.PartnerCode));
            Assert.Contains("MaxExportBytes", ex.PartnerMessage, StringComparison.Ordinal);
        });

        Assert.InRange(retained, long.MinValue, 32L << 20);
        Assert.InRange(allocated, 0, 1L << 30);
    }

    [Fact]
    public async Task FxExport_OneLineOfEightMegabytes_IsRefusedNamingTheLine()
    {
        var text = "统一社会信用代码,企业名称,风险等级,分类日期,综合得分\n91360103MA38B2LM2C,ok,A,2025-01-01,1\n91360102MA35K7QW13," + new string('名', 8 << 20) + ",A,2025-01-01,1\n";
        var payload = Gzip([Encoding.GetEncoding("GB18030").GetBytes(text)]);

        var ex = await Assert.ThrowsAsync<PartnerException>(() => DrainAsync(payload, FxClient.DefaultMaxExportBytes));

        Assert.Contains("line 3", ex.PartnerMessage, StringComparison.Ordinal);
        Assert.Contains("longer than", ex.PartnerMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// At the reader: a wrong-typed field refuses its record, and a 5-million-character name is read whole (not cut,
    /// no failure of the page). The store's column check then refuses it with its length; PullPathTests runs that
    /// through a real pull on SQLite and PostgreSQL.
    /// </summary>
    [Fact]
    public async Task Sup_OversizedAndWrongTypedFields_TheReaderRefusesTheWrongType_KeepsTheOversizedWholeForTheStoreCheck()
    {
        var golden = Encoding.UTF8.GetString(Golden.Read("SUP", "departments.in.json"));
        var page = Newtonsoft.Json.Linq.JObject.Parse(golden);
        var list = (Newtonsoft.Json.Linq.JArray)(page.SelectToken("data.list") ?? page.SelectToken("list"))!; // the golden page has one of them
        list[0]!["BMMC"] = new string('局', 5 << 20);
        list[1]!["BMJB"] = new Newtonsoft.Json.Linq.JObject { ["nested"] = new Newtonsoft.Json.Linq.JArray(1, 2, 3) };

        var records = await ReadAsync("SUP", "departments", Encoding.UTF8.GetBytes(page.ToString(Formatting.None)));

        Assert.Equal(list.Count, records.Count);
        Assert.False(records[0].Refused, string.Join("; ", records[0].Errors.Select(e => $"{e.Field}: {e.Reason}")));
        Assert.Equal(5 << 20, Assert.IsType<Core.Kinds.Department>(records[0].Record).Name.Length);
        Assert.True(records[1].Refused);
        Assert.Contains(records[1].Errors, e => e.Field == "BMJB" && e.Reason.Contains("object", StringComparison.Ordinal));
        Assert.Contains(records.Skip(2), r => !r.Refused);
    }

    private static async Task<long> DrainAsync(byte[] gzip, long maxBytes)
    {
        long rows = 0;
        await using var stream = new MemoryStream(gzip);
        await foreach (var _ in FxClient.ReadExportAsync(stream, null, declaredGzip: false, "export/full", maxBytes, Ct))
        {
            rows++;
        }

        return rows;
    }

    private static byte[] Repeat(byte[] unit, int times)
    {
        var all = new byte[unit.Length * times];
        for (var i = 0; i < times; i++)
        {
            unit.CopyTo(all, i * unit.Length);
        }

        return all;
    }

    private static byte[] Gzip(IEnumerable<byte[]> parts, CompressionLevel level = CompressionLevel.SmallestSize)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                gzip.Write(part);
            }
        }

        return output.ToArray();
    }

    private sealed class Answer(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
