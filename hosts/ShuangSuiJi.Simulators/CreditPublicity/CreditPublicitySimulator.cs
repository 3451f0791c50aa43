using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using ShuangSuiJi.Core.Kinds;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ShuangSuiJi.Simulators.CreditPublicity;

/// <summary>
/// GS (contracts/GS.md) on loopback: bearer tokens from <c>POST /gsxt/dsj/auth/token</c> (bad credentials: 401,
/// code 20), the entity export paged with <c>size</c> at most 2,000 (code 10 above), served in GB18030 with the
/// encoding declared in the XML while the Content-Type says UTF-8 — the quirk the contract warns about.
/// </summary>
public sealed class CreditPublicitySimulator : IDisposable
{
    public const string Username = "ssj-hub";
    public const string Password = "gs-simulator-secret";

    private static readonly Encoding Gb18030 = RegisterAndGet();
    private readonly WireMockServer _server;
    private readonly IReadOnlyList<Target> _targets;
    private readonly IReadOnlyList<Inspector> _inspectors;
    private readonly ConcurrentQueue<string> _extraEntities = new();
    private volatile string _token = NewToken();

    /// <param name="targets">The directory GS holds, for example from the province generator.</param>
    /// <param name="inspectors">GS's copy of the roster; none when omitted.</param>
    public CreditPublicitySimulator(IEnumerable<Target> targets, IEnumerable<Inspector>? inspectors = null, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _targets = [.. targets.OrderBy(t => t.CreditCode, StringComparer.Ordinal)];
        _inspectors = [.. (inspectors ?? []).OrderBy(i => i.CertificateNumber, StringComparer.Ordinal)];
        _server = SimulatorResponses.StartServer(port);
        _server.Given(Request.Create().WithPath("/gsxt/dsj/auth/token").UsingPost()).RespondWith(Response.Create().WithCallback(Token));
        _server.Given(Request.Create().WithPath("/gsxt/dsj/entities").UsingGet()).RespondWith(Response.Create().WithCallback(Entities));
        _server.Given(Request.Create().WithPath("/gsxt/dsj/inspectors").UsingGet()).RespondWith(Response.Create().WithCallback(Inspectors));
        _server.Given(Request.Create().WithPath("/gsxt/dsj/draws").UsingPost()).RespondWith(Response.Create().WithCallback(ReceiveDraw));
        _server.Given(Request.Create().WithPath("/gsxt/dsj/notices").UsingPost()).RespondWith(Response.Create().WithCallback(ReceiveNotice));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/gsxt/dsj/notices/[^/]+/withdraw$")).UsingPost()).RespondWith(Response.Create().WithCallback(Withdraw));
    }

    /// <summary>Draws GS received, in order, as XML.</summary>
    public IReadOnlyList<System.Xml.Linq.XElement> ReceivedDraws => [.. _draws];

    /// <summary>Notices GS holds by notice id, with whether each was withdrawn (credit repair).</summary>
    public IReadOnlyDictionary<string, (System.Xml.Linq.XElement Notice, bool Withdrawn)> Notices => _notices;

    private readonly ConcurrentQueue<System.Xml.Linq.XElement> _draws = new();
    private readonly ConcurrentDictionary<string, (System.Xml.Linq.XElement Notice, bool Withdrawn)> _notices = new();
    private readonly object _noticeLock = new();

    /// <summary>Every withdrawal GS took, by notice id, in order (a repeat is taken again, and listed again).</summary>
    public IReadOnlyCollection<string> Withdrawals => _withdrawals;

    private readonly ConcurrentQueue<string> _withdrawals = new();

    private bool Authorized(IRequestMessage request) =>
        request.Headers?.TryGetValue("Authorization", out var values) == true && values.FirstOrDefault() == $"Bearer {_token}";

    private static System.Xml.Linq.XElement? Parse(IRequestMessage request)
    {
        try
        {
            return System.Xml.Linq.XElement.Parse(request.Body ?? "");
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private ResponseMessage ReceiveDraw(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return Xml(HttpStatusCode.Unauthorized, Envelope("20", "令牌无效或已过期", ""), Encoding.UTF8);
        }

        var draw = Parse(request);
        if (draw is null || draw.Name != "draw" || string.IsNullOrEmpty(draw.Element("taskno")?.Value) || string.IsNullOrEmpty(draw.Element("seed")?.Value))
        {
            return Xml(HttpStatusCode.OK, Envelope("10", "参数错误：draw 需要 taskno 与 seed", ""), Encoding.UTF8);
        }

        _draws.Enqueue(draw);
        return Xml(HttpStatusCode.OK, Envelope("0", "成功", ""), Encoding.UTF8);
    }

    private ResponseMessage ReceiveNotice(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return Xml(HttpStatusCode.Unauthorized, Envelope("20", "令牌无效或已过期", ""), Encoding.UTF8);
        }

        var notice = Parse(request);
        string Field(string name) => notice?.Element(name)?.Value ?? "";
        if (notice is null || notice.Name != "notice" || Field("taskno").Length == 0 || Field("uniscid").Length == 0 || Field("orgcode").Length == 0
            || !(Field("result") is "0" or "1" or "2" or "3" or "4" or "5" or "6" or "7" or "8" or "9"))
        {
            return Xml(HttpStatusCode.OK, Envelope("10", "参数错误：notice 缺少 taskno、uniscid、orgcode 或 result 非 0-9", ""), Encoding.UTF8);
        }

        lock (_noticeLock)
        {
            // Idempotent on (taskno, uniscid, orgcode): a repeat answers 30 with the existing notice id.
            var existing = _notices.FirstOrDefault(n => n.Value.Notice.Element("taskno")?.Value == Field("taskno")
                && n.Value.Notice.Element("uniscid")?.Value == Field("uniscid") && n.Value.Notice.Element("orgcode")?.Value == Field("orgcode"));
            if (existing.Key is not null)
            {
                return Xml(HttpStatusCode.OK, Envelope("30", "公示信息已存在", $"<noticeid>{existing.Key}</noticeid>"), Encoding.UTF8);
            }

            var id = $"GS-N-{_notices.Count + 1:000000}";
            _notices[id] = (notice, false);
            return Xml(HttpStatusCode.OK, Envelope("0", "成功", $"<noticeid>{id}</noticeid>"), Encoding.UTF8);
        }
    }

    private ResponseMessage Withdraw(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return Xml(HttpStatusCode.Unauthorized, Envelope("20", "令牌无效或已过期", ""), Encoding.UTF8);
        }

        var id = request.Path.Split('/')[^2];
        if (!_notices.TryGetValue(id, out var notice))
        {
            return Xml(HttpStatusCode.OK, Envelope("10", $"公示信息 {id} 不存在", ""), Encoding.UTF8);
        }

        _notices[id] = (notice.Notice, true);
        _withdrawals.Enqueue(id);
        return Xml(HttpStatusCode.OK, Envelope("0", "成功", ""), Encoding.UTF8);
    }

    /// <summary>Base address for the adapter, ending in <c>/gsxt/dsj/</c>.</summary>
    public Uri BaseUrl => new($"{_server.Urls[0]}/gsxt/dsj/");

    /// <summary>Repeat the last entity of each page at the start of the next, as GS does when a record changes while paging.</summary>
    public bool RepeatAcrossPages { get; set; }

    /// <summary>Requests served so far to the entity export.</summary>
    public int EntityRequests { get; private set; }

    /// <summary>Invalidates the current token: the next call gets 401 and must fetch a new one.</summary>
    public void ExpireToken() => _token = NewToken();

    /// <summary>Adds a raw <c>&lt;entity&gt;</c> element (for example with a bad credit code) to the end of the export.</summary>
    public void AddRawEntity(string entityXml) => _extraEntities.Enqueue(entityXml);

    public void Dispose() => _server.Dispose();

    private ResponseMessage Token(IRequestMessage request)
    {
        var form = (request.Body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "");
        if (form.GetValueOrDefault("username") != Username || form.GetValueOrDefault("password") != Password)
        {
            return Xml(HttpStatusCode.Unauthorized, Envelope("20", "用户名或密码错误", ""), Encoding.UTF8);
        }

        return Xml(HttpStatusCode.OK, $"<token><value>{_token}</value><expiresIn>7200</expiresIn></token>", Encoding.UTF8);
    }

    private ResponseMessage Entities(IRequestMessage request)
    {
        EntityRequests++;
        var authorization = request.Headers?.TryGetValue("Authorization", out var values) == true ? values.FirstOrDefault() : null;
        if (authorization != $"Bearer {_token}")
        {
            return Xml(HttpStatusCode.Unauthorized, Envelope("20", "令牌无效或已过期", ""), Encoding.UTF8);
        }

        string Query(string name) => request.Query?.TryGetValue(name, out var v) == true ? v.FirstOrDefault() ?? "" : "";
        if (!int.TryParse(Query("page"), out var page) || page < 1 || !int.TryParse(Query("size"), out var size) || size < 1)
        {
            return Xml(HttpStatusCode.OK, Envelope("10", "参数错误：page、size 必须为正整数", ""), Encoding.UTF8);
        }

        if (size > 2000)
        {
            return Xml(HttpStatusCode.OK, Envelope("10", "参数错误：size 最大为 2000", ""), Encoding.UTF8);
        }

        var since = DateTime.TryParseExact(Query("modifiedSince"), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)
            ? new DateTimeOffset(s, TimeSpan.FromHours(8)) : DateTimeOffset.MinValue;
        var all = _targets.Where(t => t.Provenance.ReceivedAt >= since).Select(EntityXml).Concat(_extraEntities).ToList();
        var body = new StringBuilder().Append("<total>").Append(all.Count).Append("</total>");
        if (RepeatAcrossPages && page > 1 && (page - 1) * size < all.Count)
        {
            body.Append(all[((page - 1) * size) - 1]);
        }

        foreach (var entity in all.Skip((page - 1) * size).Take(size))
        {
            body.Append(entity);
        }

        return Xml(HttpStatusCode.OK, Envelope("0", "成功", body.ToString()), Gb18030, declared: "GB18030");
    }

    private ResponseMessage Inspectors(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return Xml(HttpStatusCode.Unauthorized, Envelope("20", "令牌无效或已过期", ""), Encoding.UTF8);
        }

        string Query(string name) => request.Query?.TryGetValue(name, out var v) == true ? v.FirstOrDefault() ?? "" : "";
        if (!int.TryParse(Query("page"), out var page) || page < 1 || !int.TryParse(Query("size"), out var size) || size is < 1 or > 2000)
        {
            return Xml(HttpStatusCode.OK, Envelope("10", "参数错误：page、size（最大 2000）", ""), Encoding.UTF8);
        }

        var body = new StringBuilder().Append("<total>").Append(_inspectors.Count).Append("</total>");
        foreach (var i in _inspectors.Skip((page - 1) * size).Take(size))
        {
            // GS keeps the number without its leading province character (contracts/README.md).
            body.Append("<inspector><certno>").Append(X(i.CertificateNumber[1..])).Append("</certno><name>").Append(X(i.Name))
                .Append("</name><orgcode>").Append(X(i.DepartmentCode)).Append("</orgcode><specialty>").Append(X(string.Join(",", i.Expertise)))
                .Append("</specialty><validto>").Append(i.CertificateValidTo.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
                .Append("</validto><status>").Append(i.Status switch { InspectorStatus.OnDuty => "01", InspectorStatus.Transferred => "02", _ => "03" })
                .Append("</status></inspector>");
        }

        return Xml(HttpStatusCode.OK, Envelope("0", "成功", body.ToString()), Gb18030, declared: "GB18030");
    }

    private static string EntityXml(Target t) => new StringBuilder()
        .Append("<entity>")
        .Append("<uniscid>").Append(X(t.CreditCode)).Append("</uniscid>")
        .Append("<entname>").Append(X(t.Name)).Append("</entname>")
        .Append("<regno></regno>")
        .Append("<enttype>").Append(((int)t.EntityType).ToString(CultureInfo.InvariantCulture)).Append("</enttype>")
        .Append("<lerep>").Append(X(t.LegalRepresentative)).Append("</lerep>")
        .Append("<dom>").Append(X(t.Address)).Append("</dom>")
        .Append("<regorg>").Append(X(t.RegistrationAuthorityCode)).Append("</regorg>")
        .Append("<estdate>").Append(t.EstablishedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)).Append("</estdate>")
        .Append("<regstate>").Append(((int)t.Status).ToString(CultureInfo.InvariantCulture)).Append("</regstate>")
        .Append("<industryco>").Append(X(t.IndustryCode)).Append("</industryco>")
        .Append("<tags>").Append(string.Concat(t.Tags.Select(tag => $"<tag>{X(tag)}</tag>"))).Append("</tags>")
        .Append("<modified>").Append(t.Provenance.ReceivedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)).Append("</modified>")
        .Append("</entity>")
        .ToString();

    private static string X(string text) => SecurityElement.Escape(text) ?? "";

    private static string Envelope(string code, string message, string body) =>
        $"<response><head><code>{code}</code><message>{X(message)}</message></head><body>{body}</body></response>";

    private static ResponseMessage Xml(HttpStatusCode status, string xml, Encoding encoding, string declared = "UTF-8")
    {
        // The contract's quirk: the Content-Type may claim UTF-8 while the XML declares GB18030.
        return SimulatorResponses.Bytes(status, encoding.GetBytes($"<?xml version=\"1.0\" encoding=\"{declared}\"?>\n{xml}"), "application/xml; charset=UTF-8");
    }

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private static Encoding RegisterAndGet()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
