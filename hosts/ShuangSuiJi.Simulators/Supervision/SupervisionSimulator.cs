using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using ShuangSuiJi.Core.Kinds;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ShuangSuiJi.Simulators.Supervision;

/// <summary>
/// SUP (contracts/SUP.md) on loopback: every request's HMAC-SM3 signature checked (1001), its timestamp within
/// 300 s (1002), its nonce never reused within 10 minutes (1003); always HTTP 200 with the code in the body;
/// departments and inspectors paged (pageSize at most 500, else 2001), sorted by GXSJ then key; results idempotent on
/// (RWBH, TYSHXYDM, BMBM). Faults on demand: the next N answers busy (5000), a record repeated across pages.
/// </summary>
public sealed class SupervisionSimulator : IDisposable
{
    public const string AppKey = "ssj-hub";
    public const string AppSecret = "sup-simulator-secret";

    private readonly WireMockServer _server;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<JObject> _departments;
    private readonly IReadOnlyList<JObject> _inspectors;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nonces = new();
    private readonly ConcurrentDictionary<string, JObject> _results = new();
    private readonly ConcurrentDictionary<string, JObject> _plans = new();
    private readonly List<JObject> _users;
    private readonly List<JObject> _items;
    private readonly List<JObject> _evaluations;
    private int _busy;

    /// <param name="departments">The departments SUP holds.</param>
    /// <param name="inspectors">The roster SUP holds.</param>
    /// <param name="clock">SUP's clock, for the timestamp window; the system clock when omitted.</param>
    /// <param name="users">Accounts SUP holds (<c>GET /users</c>); none when omitted.</param>
    /// <param name="items">Inspection items (<c>GET /items</c>); none when omitted.</param>
    /// <param name="evaluations">Enterprises' evaluations (<c>GET /evaluations</c>); none when omitted.</param>
    public SupervisionSimulator(
        IEnumerable<Department> departments, IEnumerable<Inspector> inspectors, TimeProvider? clock = null, IEnumerable<User>? users = null,
        IEnumerable<InspectionItem>? items = null, IEnumerable<Evaluation>? evaluations = null, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(inspectors);
        _clock = clock ?? TimeProvider.System;
        _departments = [.. departments.Select(Wire).OrderBy(j => (string?)j["GXSJ"], StringComparer.Ordinal).ThenBy(j => (string?)j["BMBM"], StringComparer.Ordinal)];
        _inspectors = [.. inspectors.Select(Wire).OrderBy(j => (string?)j["GXSJ"], StringComparer.Ordinal).ThenBy(j => (string?)j["ZFZH"], StringComparer.Ordinal)];
        _users = [.. (users ?? []).Select(Wire).OrderBy(j => (string?)j["GXSJ"], StringComparer.Ordinal).ThenBy(j => (string?)j["DLZH"], StringComparer.Ordinal)];
        _items = [.. (items ?? []).Select(Wire).OrderBy(j => (string?)j["GXSJ"], StringComparer.Ordinal).ThenBy(j => (string?)j["SXBM"], StringComparer.Ordinal)];
        _evaluations = [.. (evaluations ?? []).Select(Wire).OrderBy(j => (string?)j["GXSJ"], StringComparer.Ordinal).ThenBy(j => (string?)j["PJID"], StringComparer.Ordinal)];
        _server = SimulatorResponses.StartServer(port);
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/users").UsingGet()).RespondWith(Response.Create().WithCallback(r => Signed(r, _ => Page(r, _users))));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/items").UsingGet()).RespondWith(Response.Create().WithCallback(r => Signed(r, _ => Page(r, _items))));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/evaluations").UsingGet()).RespondWith(Response.Create().WithCallback(r => Signed(r, _ => Page(r, _evaluations))));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/departments").UsingGet()).RespondWith(Response.Create().WithCallback(r => Signed(r, _ => Page(r, _departments))));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/inspectors").UsingGet()).RespondWith(Response.Create().WithCallback(r => Signed(r, _ => Page(r, _inspectors))));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/results").UsingGet()).RespondWith(Response.Create().WithCallback(r => Signed(r, _ => Page(r, SortedResults()))));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/results").UsingPost()).RespondWith(Response.Create().WithCallback(r => Signed(r, Result)));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/plans").UsingPost()).RespondWith(Response.Create().WithCallback(r => Signed(r, ReceivePlan)));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/tasks").UsingGet()).RespondWith(Response.Create().WithCallback(r => Signed(r, _ => Page(r, TaskProgress()))));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/plans").UsingGet()).RespondWith(Response.Create().WithCallback(r => Signed(r, _ => Page(r, SortedPlans()))));
        _server.Given(Request.Create().WithPath("/xzxf/api/v1/tasks").UsingPost()).RespondWith(Response.Create().WithCallback(r => Signed(r, ReceiveTask)));
    }

    /// <summary>Base address ending in <c>/xzxf/api/v1/</c>.</summary>
    public Uri BaseUrl => new($"{_server.Urls[0]}/xzxf/api/v1/");

    /// <summary>Repeat the last record of each page at the start of the next, as a record changed while paging does.</summary>
    public bool RepeatAcrossPages { get; set; }

    /// <summary>Results held, by (RWBH, TYSHXYDM, BMBM).</summary>
    public IReadOnlyDictionary<string, JObject> Results => _results;

    /// <summary>Drawn tasks held, by RWBH (the latest version of each).</summary>
    public IReadOnlyDictionary<string, JObject> Tasks => _tasks;

    private readonly ConcurrentDictionary<string, JObject> _tasks = new();

    /// <summary>Answer the next <paramref name="count"/> requests with 5000 (busy).</summary>
    public void BusyFor(int count) => Interlocked.Exchange(ref _busy, count);

    public void Dispose() => _server.Dispose();

    private ResponseMessage Signed(IRequestMessage request, Func<IRequestMessage, ResponseMessage> handler)
    {
        string Header(string name) => request.Headers?.TryGetValue(name, out var v) == true ? v.FirstOrDefault() ?? "" : "";
        var now = _clock.GetUtcNow();
        if (Header("X-App-Key") != AppKey)
        {
            return Envelope("1001", "签名无效：未知的 appKey");
        }

        if (!long.TryParse(Header("X-Timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || Math.Abs(now.ToUnixTimeMilliseconds() - ms) > 300_000)
        {
            return Envelope("1002", "时间戳已过期");
        }

        var nonce = Header("X-Nonce");
        if (nonce.Length is < 16 or > 32)
        {
            return Envelope("2001", "参数错误：X-Nonce 长度须为 16 到 32");
        }

        var pathAndQuery = new Uri(request.AbsoluteUrl).PathAndQuery;
        var expected = Sign($"{AppKey}\n{Header("X-Timestamp")}\n{nonce}\n{request.Method.ToUpperInvariant()}\n{pathAndQuery}\n{request.Body ?? ""}");
        if (!string.Equals(Header("X-Sign"), expected, StringComparison.Ordinal))
        {
            return Envelope("1001", "签名无效");
        }

        foreach (var old in _nonces.Where(n => now - n.Value > TimeSpan.FromMinutes(10)).Select(n => n.Key).ToList())
        {
            _nonces.TryRemove(old, out _);
        }

        if (!_nonces.TryAdd(nonce, now))
        {
            return Envelope("1003", "随机数重复");
        }

        if (Interlocked.Decrement(ref _busy) >= 0)
        {
            return Envelope("5000", "系统繁忙");
        }

        Interlocked.Exchange(ref _busy, 0);
        return handler(request);
    }

    private ResponseMessage Page(IRequestMessage request, IReadOnlyList<JObject> all)
    {
        string Query(string name) => request.Query?.TryGetValue(name, out var v) == true ? v.FirstOrDefault() ?? "" : "";
        if (!int.TryParse(Query("pageNo"), out var pageNo) || pageNo < 1)
        {
            return Envelope("2001", "参数错误：pageNo");
        }

        if (!int.TryParse(Query("pageSize"), out var pageSize) || pageSize is < 1 or > 500)
        {
            return Envelope("2001", "参数错误：pageSize 最大为 500");
        }

        var since = Query("updatedSince");
        var matching = all.Where(j => string.CompareOrdinal((string?)j["GXSJ"], since) >= 0).ToList();
        var list = new JArray(matching.Skip((pageNo - 1) * pageSize).Take(pageSize).Select(j => j.DeepClone()));
        if (RepeatAcrossPages && pageNo > 1 && list.Count > 0)
        {
            list.Insert(0, matching[((pageNo - 1) * pageSize) - 1].DeepClone());
        }

        return Envelope("0000", "成功", new JObject { ["total"] = matching.Count, ["pageNo"] = pageNo, ["pageSize"] = pageSize, ["list"] = list });
    }

    /// <summary>
    /// An inspector enters a result through SUP's mobile app (JCJG etc. as the contract names them); it is served by
    /// <c>GET /results</c> from then on. Returns <see langword="false"/> when SUP already holds that task, target and department.
    /// </summary>
    public bool EnterResult(JObject result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var entered = (JObject)result.DeepClone();
        entered["GXSJ"] = Time(_clock.GetUtcNow());
        entered["LRRQ"] ??= _clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return _results.TryAdd($"{entered["RWBH"]}|{entered["TYSHXYDM"]}|{entered["BMBM"]}", entered);
    }

    /// <summary>Plans submitted for review, with SHZT (0 pending, 1 approved, 2 returned) and SHYJ.</summary>
    public IReadOnlyDictionary<string, JObject> Plans => _plans;

    /// <summary>The justice department reviews every pending plan: approves it, or returns it with an opinion.</summary>
    /// <returns>How many were reviewed.</returns>
    public int ReviewPendingPlans(bool approve = true, string opinion = "")
    {
        var reviewed = 0;
        foreach (var (code, plan) in _plans)
        {
            if ((string?)plan["SHZT"] != "0")
            {
                continue;
            }

            var updated = (JObject)plan.DeepClone();
            updated["SHZT"] = approve ? "1" : "2";
            updated["SHYJ"] = opinion.Length > 0 ? opinion : approve ? "同意" : "退回修改";
            updated["GXSJ"] = Time(_clock.GetUtcNow());
            _plans[code] = updated;
            reviewed++;
        }

        return reviewed;
    }

    private List<JObject> SortedPlans() =>
        [.. _plans.Values.OrderBy(j => (string?)j["GXSJ"], StringComparer.Ordinal).ThenBy(j => (string?)j["JHBM"], StringComparer.Ordinal)];

    private ResponseMessage ReceivePlan(IRequestMessage request)
    {
        JObject plan;
        try
        {
            plan = JObject.Parse(request.Body ?? "");
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return Envelope("2001", "参数错误：请求体不是 JSON");
        }

        var code = (string?)plan["JHBM"] ?? "";
        if (code.Length == 0 || plan["PHBM"] is not JArray)
        {
            return Envelope("2001", "参数错误：JHBM 与 PHBM 不能为空");
        }

        // A plan resubmitted after its review goes back to pending.
        plan["SHZT"] = "0";
        plan["SHYJ"] = "";
        plan["GXSJ"] = Time(_clock.GetUtcNow());
        _plans[code] = plan;
        return Envelope("0000", "成功", new JObject { ["JHBM"] = code, ["SHZT"] = "0" });
    }

    /// <summary>An inspector enters a canonical result (written in SUP's wire form).</summary>
    public bool EnterResult(InspectionResult result, string targetName)
    {
        ArgumentNullException.ThrowIfNull(result);
        return EnterResult(new JObject
        {
            ["RWBH"] = result.TaskNumber,
            ["TYSHXYDM"] = result.TargetCreditCode,
            ["QYMC"] = targetName,
            ["BMBM"] = result.DepartmentCode,
            ["JCJG"] = ((int)result.Outcome).ToString("00", CultureInfo.InvariantCulture),
            ["WTMS"] = result.Findings,
            ["JCFS"] = ((int)result.Method).ToString(CultureInfo.InvariantCulture),
            ["JCRQ"] = result.InspectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["JCRY"] = new JArray(result.InspectorCertificateNumbers),
        });
    }

    private List<JObject> SortedResults() =>
        [.. _results.Values.OrderBy(j => (string?)j["GXSJ"], StringComparer.Ordinal).ThenBy(j => $"{j["RWBH"]}|{j["TYSHXYDM"]}|{j["BMBM"]}", StringComparer.Ordinal)];

    private ResponseMessage Result(IRequestMessage request)
    {
        JObject result;
        try
        {
            result = JObject.Parse(request.Body ?? "");
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return Envelope("2001", "参数错误：请求体不是 JSON");
        }

        foreach (var field in new[] { "RWBH", "TYSHXYDM", "BMBM", "JCJG" })
        {
            if (string.IsNullOrEmpty((string?)result[field]))
            {
                return Envelope("2001", $"参数错误：{field} 不能为空");
            }
        }

        result["GXSJ"] = Time(_clock.GetUtcNow());
        var key = $"{result["RWBH"]}|{result["TYSHXYDM"]}|{result["BMBM"]}";
        return _results.TryAdd(key, result) ? Envelope("0000", "成功", new JObject { ["duplicate"] = false }) : Envelope("0000", "成功", new JObject { ["duplicate"] = true });
    }

    private ResponseMessage ReceiveTask(IRequestMessage request)
    {
        JObject task;
        try
        {
            task = JObject.Parse(request.Body ?? "");
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return Envelope("2001", "参数错误：请求体不是 JSON");
        }

        var number = (string?)task["RWBH"] ?? "";
        if (number.Length == 0 || task["DXQD"] is not JArray)
        {
            return Envelope("2001", "参数错误：RWBH 与 DXQD 不能为空");
        }

        if ((string?)task["YJDJ"] is { Length: > 0 } light && light is not ("G" or "Y" or "R"))
        {
            return Envelope("2001", "参数错误：YJDJ 须为 G、Y 或 R");
        }

        task["GXSJ"] = Time(_clock.GetUtcNow());
        _tasks[number] = task;
        return Envelope("0000", "成功", new JObject { ["RWBH"] = number });
    }

    /// <summary>
    /// <c>GET /tasks</c>: each task SUP holds with its status as the results entered say — 0 before any, 2 once every
    /// target has a result from every department, 1 in between — its light as last sent (YJDJ), and GXSJ the later of
    /// the task's arrival and its latest result.
    /// </summary>
    private List<JObject> TaskProgress()
    {
        var byTask = _results.Values.GroupBy(r => (string?)r["RWBH"] ?? "").ToDictionary(g => g.Key, g => g.ToList());
        return [.. _tasks.Values.Select(task =>
        {
            var number = (string?)task["RWBH"] ?? "";
            var results = byTask.GetValueOrDefault(number) ?? [];
            var expected = ((JArray)task["DXQD"]!).Sum(t => t["ZFRY"] is JArray assigned && assigned.Count > 0 ? assigned.Count : 1);
            var updated = results.Select(r => (string?)r["GXSJ"] ?? "").Append((string?)task["GXSJ"] ?? "").Max(StringComparer.Ordinal);
            return new JObject
            {
                ["RWBH"] = number,
                ["JHBM"] = task["JHBM"],
                ["ZT"] = results.Count == 0 ? "0" : results.Count >= expected ? "2" : "1",
                ["YJDJ"] = (string?)task["YJDJ"] is { Length: > 0 } light ? light : "G",
                ["GXSJ"] = updated,
            };
        }).OrderBy(j => (string?)j["GXSJ"], StringComparer.Ordinal).ThenBy(j => (string?)j["RWBH"], StringComparer.Ordinal)];
    }

    private static JObject Wire(Department d) => new()
    {
        ["BMBM"] = d.Code,
        ["BMMC"] = d.Name,
        ["SJBMBM"] = d.ParentCode ?? "",
        ["TYSHXYDM"] = d.CreditCode ?? "",
        ["XZQHDM"] = d.RegionCode,
        ["BMJB"] = ((int)d.Level).ToString(CultureInfo.InvariantCulture),
        ["SFSCJG"] = d.IsMarketSupervision ? "1" : "0",
        ["ZT"] = d.Active ? "1" : "0",
        ["GXSJ"] = Time(d.Provenance.ReceivedAt),
    };

    private static JObject Wire(Inspector i) => new()
    {
        ["ZFRYID"] = "ZFRY-" + i.CertificateNumber[1..],
        ["XM"] = i.Name,
        ["ZJHM"] = i.IdNumber?.Value ?? "",
        ["ZFZH"] = i.CertificateNumber,
        ["ZFZYXQ"] = i.CertificateValidTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["BMBM"] = i.DepartmentCode,
        ["YWZC"] = string.Join("、", i.Expertise),
        ["HBFW"] = new JArray(i.RecusalScope),
        ["ZT"] = i.Status == InspectorStatus.OnDuty ? "1" : "0",
        ["GXSJ"] = Time(i.Provenance.ReceivedAt),
    };

    private static JObject Wire(User u) => new()
    {
        ["YHID"] = "YH-" + u.LoginName,
        ["DLZH"] = u.LoginName,
        ["XM"] = u.DisplayName,
        ["BMBM"] = u.DepartmentCode,
        ["JS"] = string.Join(',', new[] { (UserRoles.Administrator, "01"), (UserRoles.Planner, "02"), (UserRoles.Inspector, "03"), (UserRoles.Supervisor, "04") }
            .Where(r => u.Roles.HasFlag(r.Item1)).Select(r => r.Item2)),
        ["ZT"] = u.Enabled ? "1" : "0",
        ["GXSJ"] = Time(u.Provenance.ReceivedAt),
    };

    private static JObject Wire(InspectionItem i) => new()
    {
        ["SXBM"] = i.Code,
        ["SXMC"] = i.Name,
        ["BMBM"] = i.OwnerDepartmentCode,
        ["CCLY"] = i.Field,
        ["JCNR"] = i.Content,
        ["YJ"] = i.LegalBasis,
        ["JCFS"] = string.Join(',', i.Methods.Select(m => ((int)m).ToString(CultureInfo.InvariantCulture))),
        ["DXFW"] = i.TargetScope,
        ["SXLB"] = i.IsKeyItem ? "2" : "1",
        ["ZT"] = i.Active ? "1" : "0",
        ["GXSJ"] = Time(i.Provenance.ReceivedAt),
    };

    private static JObject Wire(Evaluation e) => new()
    {
        ["PJID"] = e.Id,
        ["RWBH"] = e.TaskNumber,
        ["TYSHXYDM"] = e.TargetCreditCode,
        ["MYD"] = e.Rating.ToString(CultureInfo.InvariantCulture),
        ["PJNR"] = e.Comment,
        ["PJSJ"] = Time(e.SubmittedAt),
        ["QD"] = e.Channel switch { EvaluationChannel.Web => "PC", EvaluationChannel.App => "APP", _ => "EWM" },
        ["GXSJ"] = Time(e.SubmittedAt),
    };

    private static string Time(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Sign(string text)
    {
        var hmac = new HMac(new SM3Digest());
        hmac.Init(new KeyParameter(Encoding.UTF8.GetBytes(AppSecret)));
        var data = Encoding.UTF8.GetBytes(text);
        hmac.BlockUpdate(data, 0, data.Length);
        var output = new byte[hmac.GetMacSize()];
        hmac.DoFinal(output, 0);
        return Convert.ToHexStringLower(output);
    }

    private static ResponseMessage Envelope(string code, string message, JToken? data = null)
    {
        // Always HTTP 200 from the platform itself: the outcome is the code in the body.
        return SimulatorResponses.Json(HttpStatusCode.OK, new JObject { ["code"] = code, ["msg"] = message, ["data"] = data ?? JValue.CreateNull() });
    }
}
