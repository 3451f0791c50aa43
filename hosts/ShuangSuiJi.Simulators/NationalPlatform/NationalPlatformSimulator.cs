using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Core.Codes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ShuangSuiJi.Simulators.NationalPlatform;

/// <summary>
/// ZJ (contracts/ZJ.md) on loopback: SAMR-HMAC-SHA256 signatures verified and timestamps within 300 s (else 401);
/// batches of at most 5,000 answered 202 with a ticket (the same batch_no: 200 with the existing ticket); each ticket
/// moves PENDING → PROCESSING → DONE or PARTIAL as it is polled, refusing records whose org_code is not a known
/// department credit code (E201) or whose result_code is unknown (E301); national and cross-province joint tasks down
/// (<c>GET /tasks?province=…&amp;cursor=…</c>, <see cref="TasksPerPage"/> a page, generated from the seed: the last one
/// carries an impossible end date, for the hub to refuse); more than 5 requests a second → 429.
/// </summary>
public sealed class NationalPlatformSimulator : IDisposable
{
    public const string AppId = "360000-hub";
    public const string Secret = "zj-simulator-secret";

    /// <summary>Tasks a page of <c>GET /tasks</c>.</summary>
    public const int TasksPerPage = 2;

    /// <summary>The province this stand-in serves tasks for.</summary>
    public const string Province = "360000";

    private static readonly HashSet<string> ResultCodes = ["100", "210", "220", "230", "240", "310", "320", "410", "420", "900"];
    private readonly WireMockServer _server;
    private readonly HashSet<string> _orgCodes;
    private readonly ConcurrentDictionary<string, string> _ticketsByBatch = new();
    private readonly ConcurrentDictionary<string, (JObject Batch, int Polls)> _tickets = new();
    private readonly ConcurrentQueue<DateTimeOffset> _recent = new();
    private readonly object _rateLock = new();
    private int _sequence;

    /// <param name="orgCreditCodes">The department credit codes ZJ knows.</param>
    /// <param name="port">A free port when 0.</param>
    /// <param name="seed">The province's generator seed: the same seed, the same national tasks.</param>
    public NationalPlatformSimulator(IEnumerable<string> orgCreditCodes, int port = 0, ulong seed = 20250101)
    {
        _orgCodes = [.. orgCreditCodes];
        Tasks = GenerateTasks(seed, [.. _orgCodes.Order(StringComparer.Ordinal)]);
        _server = SimulatorResponses.StartServer(port);
        _server.Given(Request.Create().WithPath("/samr/dsj/v2/tasks").UsingGet()).RespondWith(Response.Create().WithCallback(r => Guarded(r, TaskPage)));
        _server.Given(Request.Create().WithPath("/samr/dsj/v2/batches").UsingPost()).RespondWith(Response.Create().WithCallback(r => Guarded(r, Submit)));
        _server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/samr/dsj/v2/batches/[^/]+$")).UsingGet()).RespondWith(Response.Create().WithCallback(r => Guarded(r, Ticket)));
    }

    public Uri BaseUrl => new($"{_server.Urls[0]}/samr/dsj/v2/");

    /// <summary>Requests refused with 429.</summary>
    public int Throttled { get; private set; }

    private readonly List<string> _acceptedTasks = [];
    private readonly List<string> _acceptedPlans = [];

    /// <summary>Plan codes of PLAN records ZJ accepted, once per accepted record.</summary>
    public IReadOnlyList<string> AcceptedPlans => [.. _acceptedPlans];

    /// <summary>Task numbers of TASK records ZJ accepted, once per accepted record.</summary>
    public IReadOnlyList<string> AcceptedTasks => [.. _acceptedTasks];

    /// <summary>The national and cross-province tasks <c>GET /tasks</c> serves, in order; the last one is malformed (end date 09-31).</summary>
    public IReadOnlyList<JObject> Tasks { get; }

    /// <summary>Requests for task pages that were answered 200.</summary>
    public int TaskPagesServed { get; private set; }

    /// <summary>Records of finished RESULT batches that ZJ accepted.</summary>
    public int AcceptedRecords { get; private set; }

    public void Dispose() => _server.Dispose();

    private ResponseMessage Guarded(IRequestMessage request, Func<IRequestMessage, ResponseMessage> handler)
    {
        lock (_rateLock)
        {
            var now = TimeProvider.System.GetUtcNow();
            while (_recent.TryPeek(out var oldest) && now - oldest > TimeSpan.FromSeconds(1))
            {
                _recent.TryDequeue(out _);
            }

            if (_recent.Count >= 5)
            {
                Throttled++;
                var refused = SimulatorResponses.Json(HttpStatusCode.TooManyRequests, new JObject { ["error"] = "rate limited" });
                refused.AddHeader("Retry-After", "1");
                return refused;
            }

            _recent.Enqueue(now);
        }

        var header = request.Headers?.TryGetValue("Authorization", out var v) == true ? v.FirstOrDefault() ?? "" : "";
        if (!header.StartsWith("SAMR-HMAC-SHA256 ", StringComparison.Ordinal))
        {
            return SimulatorResponses.Json(HttpStatusCode.Unauthorized, new JObject { ["error"] = "missing SAMR-HMAC-SHA256 authorization" });
        }

        var parts = header["SAMR-HMAC-SHA256 ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var ts = parts.GetValueOrDefault("ts") ?? "";
        if (parts.GetValueOrDefault("appid") != AppId || !long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - seconds) > 300)
        {
            return SimulatorResponses.Json(HttpStatusCode.Unauthorized, new JObject { ["error"] = "unknown appid or timestamp more than 300 s off" });
        }

        var body = request.BodyAsBytes ?? Encoding.UTF8.GetBytes(request.Body ?? "");
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes(AppId + ts + (parts.GetValueOrDefault("nonce") ?? "") + Convert.ToHexStringLower(SHA256.HashData(body)))));
        return parts.GetValueOrDefault("sig") == expected ? handler(request) : SimulatorResponses.Json(HttpStatusCode.Unauthorized, new JObject { ["error"] = "signature mismatch" });
    }

    /// <summary>The SAMR's own credit code (the lead of national tasks), with its check character.</summary>
    public static readonly string SamrCreditCode = "11100000MB0000000" + Uscc.ComputeCheckCharacter("11100000MB0000000");

    /// <summary>
    /// Four good tasks and one bad: national (led by SAMR) and cross-province joint ones, each with one to three of the
    /// province's departments by credit code; numbers, plans, windows and scopes drawn from <paramref name="seed"/>.
    /// </summary>
    private static List<JObject> GenerateTasks(ulong seed, IReadOnlyList<string> orgs)
    {
        var random = new Random(unchecked((int)(seed ^ (seed >> 32))));
        string[] industries = ["F5265", "C1499", "F5123", "H6210", "C2710", "F5281"];
        string[] tags = ["加油站", "食品生产", "药品零售", "餐饮服务", "特种设备", "电动自行车"];
        string[] names = ["成品油质量", "食品生产企业", "药品经营", "餐饮服务食品安全", "特种设备安全", "电动自行车产品质量"];
        var year = 2025;
        var first = random.Next(1, 50);
        var tasks = new List<JObject>();
        for (var i = 0; i < 5; i++)
        {
            var subject = random.Next(names.Length);
            var national = i % 2 == 0;
            var taken = orgs.Count == 0 ? [] : Enumerable.Range(0, 1 + random.Next(3)).Select(_ => orgs[random.Next(orgs.Count)]).Distinct().ToList();
            var startMonth = random.Next(3, 8);
            var start = new DateOnly(year, startMonth, 1);
            var end = start.AddMonths(random.Next(3, 6)).AddDays(random.Next(0, 20));
            var task = new JObject
            {
                ["task_no"] = string.Create(CultureInfo.InvariantCulture, $"ZJ{year}-{first + i:0000}"),
                ["plan_code"] = string.Create(CultureInfo.InvariantCulture, $"ZJ-JH-{year}-{subject + 1:00}"),
                ["task_name"] = (national ? $"{year}年全国{names[subject]}双随机抽查" : $"{year}年赣湘闽跨省联合{names[subject]}抽查"),
                ["lead_org"] = national || taken.Count == 0 ? SamrCreditCode : taken[0],
                ["orgs"] = new JArray(taken),
                ["start_date"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["end_date"] = i == 4 ? $"{year}-09-31" : end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["scope"] = new JObject
                {
                    ["industry_codes"] = new JArray(industries[subject]),
                    ["tags"] = new JArray(tags[subject]),
                    ["region_codes"] = national ? new JArray(Province) : new JArray(Province, "430000", "350000"),
                },
                ["ratio"] = (decimal)random.Next(1, 11) / 100m,
            };
            tasks.Add(task);
        }

        return tasks;
    }

    /// <summary>A page of tasks: the cursor is the offset of the page (opaque to the caller); an unreadable one is 400.</summary>
    private ResponseMessage TaskPage(IRequestMessage request)
    {
        string Query(string name) => request.Query?.TryGetValue(name, out var v) == true ? v.FirstOrDefault() ?? "" : "";
        if (Query("province") != Province)
        {
            return SimulatorResponses.Json(HttpStatusCode.BadRequest, new JObject { ["error"] = $"province '{Query("province")}' is not served here" });
        }

        var offset = 0;
        if (Query("cursor") is { Length: > 0 } cursor
            && (!cursor.StartsWith("c", StringComparison.Ordinal) || !int.TryParse(cursor[1..], NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > Tasks.Count))
        {
            return SimulatorResponses.Json(HttpStatusCode.BadRequest, new JObject { ["error"] = $"cursor '{cursor}' is unknown" });
        }

        var next = offset + TasksPerPage < Tasks.Count ? string.Create(CultureInfo.InvariantCulture, $"c{offset + TasksPerPage}") : null;
        TaskPagesServed++;
        return SimulatorResponses.Json(HttpStatusCode.OK, new JObject
        {
            ["items"] = new JArray(Tasks.Skip(offset).Take(TasksPerPage).Select(t => t.DeepClone())),
            ["next_cursor"] = next,
        });
    }

    private ResponseMessage Submit(IRequestMessage request)
    {
        JObject batch;
        try
        {
            batch = JObject.Parse(request.Body ?? "");
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return SimulatorResponses.Json(HttpStatusCode.BadRequest, new JObject { ["error"] = "body is not JSON" });
        }

        var batchNo = (string?)batch["batch_no"] ?? "";
        if (batchNo.Length == 0 || batch["records"] is not JArray records || records.Count > 5000)
        {
            return SimulatorResponses.Json(HttpStatusCode.BadRequest, new JObject { ["error"] = "batch_no and at most 5000 records are required" });
        }

        var created = false;
        var ticket = _ticketsByBatch.GetOrAdd(batchNo, _ =>
        {
            created = true;
            var t = string.Create(CultureInfo.InvariantCulture, $"T-{Interlocked.Increment(ref _sequence):000000}");
            _tickets[t] = (batch, 0);
            return t;
        });
        return SimulatorResponses.Json(created ? HttpStatusCode.Accepted : HttpStatusCode.OK, new JObject { ["ticket"] = ticket });
    }

    private ResponseMessage Ticket(IRequestMessage request)
    {
        var ticket = request.Path.Split('/')[^1];
        if (!_tickets.TryGetValue(ticket, out var held))
        {
            return SimulatorResponses.Json(HttpStatusCode.NotFound, new JObject { ["error"] = $"no ticket {ticket}" });
        }

        var polls = held.Polls + 1;
        _tickets[ticket] = (held.Batch, polls);
        if (polls <= 2)
        {
            return SimulatorResponses.Json(HttpStatusCode.OK, new JObject { ["status"] = polls == 1 ? "PENDING" : "PROCESSING", ["accepted"] = 0, ["errors"] = new JArray() });
        }

        var records = (JArray)held.Batch["records"]!; // Checked at submission.
        var errors = new JArray();
        var type = (string?)held.Batch["batch_type"];
        for (var i = 0; i < records.Count; i++)
        {
            if (type == "PLAN")
            {
                var orgs = new[] { records[i]["lead_org"] }.Concat(records[i]["joint_orgs"] as JArray ?? []).Select(o => (string?)o ?? "").ToList();
                if (orgs.Any(o => !_orgCodes.Contains(o)))
                {
                    errors.Add(new JObject { ["index"] = i, ["code"] = "E201", ["message"] = "lead_org or joint_orgs holds an unknown org code" });
                }
            }
            else if (type == "TASK")
            {
                if (records[i]["orgs"] is not JArray orgs || orgs.Count == 0 || orgs.Any(o => !_orgCodes.Contains((string?)o ?? "")))
                {
                    errors.Add(new JObject { ["index"] = i, ["code"] = "E201", ["message"] = "orgs holds an unknown org code" });
                }
            }
            else if (!_orgCodes.Contains((string?)records[i]["org_code"] ?? ""))
            {
                errors.Add(new JObject { ["index"] = i, ["code"] = "E201", ["message"] = "org_code unknown" });
            }
            else if (!ResultCodes.Contains((string?)records[i]["result_code"] ?? ""))
            {
                errors.Add(new JObject { ["index"] = i, ["code"] = "E301", ["message"] = "result_code unknown" });
            }
        }

        if (polls == 3)
        {
            var refused = errors.Select(e => (int)e["index"]!).ToHashSet();
            if (type == "PLAN")
            {
                _acceptedPlans.AddRange(records.Where((_, i) => !refused.Contains(i)).Select(r => (string?)r["plan_code"] ?? ""));
            }
            else if (type == "TASK")
            {
                _acceptedTasks.AddRange(records.Where((_, i) => !refused.Contains(i)).Select(r => (string?)r["task_no"] ?? ""));
            }
            else
            {
                AcceptedRecords += records.Count - errors.Count;
            }
        }

        return SimulatorResponses.Json(HttpStatusCode.OK, new JObject { ["status"] = errors.Count == 0 ? "DONE" : "PARTIAL", ["accepted"] = records.Count - errors.Count, ["errors"] = errors });
    }
}
