using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
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
/// department credit code (E201) or whose result_code is unknown (E301); more than 5 requests a second → 429.
/// </summary>
public sealed class NationalPlatformSimulator : IDisposable
{
    public const string AppId = "360000-hub";
    public const string Secret = "zj-simulator-secret";

    private static readonly HashSet<string> ResultCodes = ["100", "210", "220", "230", "240", "310", "320", "410", "420", "900"];
    private readonly WireMockServer _server;
    private readonly HashSet<string> _orgCodes;
    private readonly ConcurrentDictionary<string, string> _ticketsByBatch = new();
    private readonly ConcurrentDictionary<string, (JObject Batch, int Polls)> _tickets = new();
    private readonly ConcurrentQueue<DateTimeOffset> _recent = new();
    private readonly object _rateLock = new();
    private int _sequence;

    /// <param name="orgCreditCodes">The department credit codes ZJ knows.</param>
    public NationalPlatformSimulator(IEnumerable<string> orgCreditCodes, int port = 0)
    {
        _orgCodes = [.. orgCreditCodes];
        _server = SimulatorResponses.StartServer(port);
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
