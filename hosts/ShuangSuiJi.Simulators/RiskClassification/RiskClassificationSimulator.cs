using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Core.Kinds;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ShuangSuiJi.Simulators.RiskClassification;

/// <summary>
/// FX (contracts/FX.md) on loopback: the <c>X-Api-Key</c> on every request (401 otherwise); the full and incremental
/// grade exports as GB18030 CSV, gzip-encoded, names quoted per RFC 4180; result feedback in batches of at most 1,000
/// with partial success (unknown credit codes and outcome codes refused by index). Keeps the results it accepted.
/// </summary>
public sealed class RiskClassificationSimulator : IDisposable
{
    public const string ApiKey = "fx-simulator-key";

    private static readonly string[] GradeTexts = ["", "信用风险低（A类）", "信用风险一般（B类）", "信用风险较高（C类）", "信用风险高（D类）"];
    private static readonly HashSet<string> OutcomeCodes = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "99"];
    private readonly WireMockServer _server;
    private readonly IReadOnlyList<Target> _targets;
    private readonly HashSet<string> _known;
    private readonly ConcurrentQueue<(string CreditCode, RiskGrade? Grade, string Change)> _changes = new();
    private readonly ConcurrentQueue<JObject> _received = new();

    public RiskClassificationSimulator(IEnumerable<Target> targets, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        _targets = [.. targets];
        _known = [.. _targets.Select(t => t.CreditCode)];
        _server = SimulatorResponses.StartServer(port);
        _server.Given(Request.Create().WithPath("/fxfl/export/full").UsingGet()).RespondWith(Response.Create().WithCallback(r => Guarded(r, Full)));
        _server.Given(Request.Create().WithPath("/fxfl/export/incr").UsingGet()).RespondWith(Response.Create().WithCallback(r => Guarded(r, Incremental)));
        _server.Given(Request.Create().WithPath("/fxfl/api/inspection-results").UsingPost()).RespondWith(Response.Create().WithCallback(r => Guarded(r, Results)));
    }

    /// <summary>Base address for the adapter, ending in <c>/fxfl/</c>.</summary>
    public Uri BaseUrl => new($"{_server.Urls[0]}/fxfl/");

    /// <summary>Results FX accepted, as received.</summary>
    public IReadOnlyList<JObject> ReceivedResults => [.. _received];

    /// <summary>Adds a line to the incremental export: <c>新增</c>, <c>变更</c> or <c>删除</c>.</summary>
    public void AddChange(string creditCode, RiskGrade? grade, string change) => _changes.Enqueue((creditCode, grade, change));

    public void Dispose() => _server.Dispose();

    private static ResponseMessage Guarded(IRequestMessage request, Func<IRequestMessage, ResponseMessage> handler) =>
        request.Headers?.TryGetValue("X-Api-Key", out var key) == true && key.FirstOrDefault() == ApiKey
            ? handler(request)
            : SimulatorResponses.Text(HttpStatusCode.Unauthorized, """{"code":"401","message":"API Key 无效"}""", "application/json; charset=utf-8");

    private ResponseMessage Full(IRequestMessage request)
    {
        var date = Date(request, "date");
        var csv = new StringBuilder("统一社会信用代码,企业名称,风险等级,分类日期,综合得分\r\n");
        foreach (var t in _targets)
        {
            csv.Append(t.CreditCode).Append(',').Append(Quote(t.Name)).Append(',').Append(GradeTexts[t.RiskGrade is { } g ? (int)g : 0])
                .Append(',').Append(date.ToString("yyyy/M/d", CultureInfo.InvariantCulture)).Append(',').Append(Score(t.CreditCode)).Append("\r\n");
        }

        return Gzip(csv.ToString());
    }

    private ResponseMessage Incremental(IRequestMessage request)
    {
        var date = Date(request, "since");
        var names = _targets.ToDictionary(t => t.CreditCode, t => t.Name);
        var csv = new StringBuilder("统一社会信用代码,企业名称,风险等级,分类日期,综合得分,变更类型\r\n");
        foreach (var (code, grade, change) in _changes)
        {
            csv.Append(code).Append(',').Append(Quote(names.GetValueOrDefault(code, ""))).Append(',')
                .Append(change == "删除" ? "" : GradeTexts[grade is { } g ? (int)g : 0]).Append(',')
                .Append(date.ToString("yyyy/M/d", CultureInfo.InvariantCulture)).Append(',').Append(change == "删除" ? "" : Score(code)).Append(',').Append(change).Append("\r\n");
        }

        return Gzip(csv.ToString());
    }

    private ResponseMessage Results(IRequestMessage request)
    {
        JArray batch;
        try
        {
            batch = JArray.Parse(request.Body ?? "");
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return SimulatorResponses.Text(HttpStatusCode.BadRequest, """{"code":"400","message":"请求体不是 JSON 数组"}""", "application/json; charset=utf-8");
        }

        if (batch.Count > 1000)
        {
            return SimulatorResponses.Text(HttpStatusCode.BadRequest, """{"code":"400","message":"每批最多 1000 条"}""", "application/json; charset=utf-8");
        }

        var rejected = new JArray();
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i] as JObject;
            var reason = item is null ? "记录格式错误"
                : !_known.Contains((string?)item["tyshxydm"] ?? "") ? "统一社会信用代码不存在"
                : !OutcomeCodes.Contains((string?)item["jcjgdm"] ?? "") ? "检查结果代码无效"
                : null;
            if (reason is null)
            {
                _received.Enqueue(item!); // Checked non-null above.
            }
            else
            {
                rejected.Add(new JObject { ["index"] = i, ["reason"] = reason });
            }
        }

        return SimulatorResponses.Json(HttpStatusCode.OK, new JObject { ["accepted"] = batch.Count - rejected.Count, ["rejected"] = rejected });
    }

    private static DateOnly Date(IRequestMessage request, string name) =>
        request.Query?.TryGetValue(name, out var v) == true && DateOnly.TryParseExact(v.FirstOrDefault(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : new DateOnly(2025, 3, 1);

    /// <summary>A stable score for a code: 30.00-99.99, with 0, 1 or 2 decimals as FX writes them.</summary>
    private static string Score(string code)
    {
        var hash = (uint)code.Aggregate(17, (h, c) => unchecked((h * 31) + c));
        var score = 30m + (hash % 7000 / 100m);
        return (hash % 3) switch
        {
            0 => decimal.Round(score, 0).ToString(CultureInfo.InvariantCulture),
            1 => decimal.Round(score, 1).ToString("0.0", CultureInfo.InvariantCulture),
            _ => score.ToString("0.00", CultureInfo.InvariantCulture),
        };
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static ResponseMessage Gzip(string csv)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            var bytes = Encoding.GetEncoding("GB18030").GetBytes(csv);
            gzip.Write(bytes);
        }

        var response = SimulatorResponses.Bytes(HttpStatusCode.OK, buffer.ToArray(), "text/csv; charset=GB18030");
        response.AddHeader("Content-Encoding", "gzip");
        return response;
    }
}
