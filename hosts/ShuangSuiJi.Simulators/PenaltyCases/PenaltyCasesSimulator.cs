using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ShuangSuiJi.Simulators.PenaltyCases;

/// <summary>
/// CF (contracts/CF.md) on loopback: OAuth2 client-credentials tokens; leads with a required Idempotency-Key (same key
/// and body → 200 with the same clueId, same key with another body → 422); decisions paged by an opaque cursor; more
/// than <see cref="RequestsPerSecond"/> requests in a second → 429 with Retry-After.
/// </summary>
public sealed class PenaltyCasesSimulator : IDisposable
{
    public const string ClientId = "ssj-hub";
    public const string ClientSecret = "cf-simulator-secret";

    private readonly WireMockServer _server;
    private readonly ConcurrentDictionary<string, (string Body, string ClueId)> _clues = new();
    private readonly ConcurrentQueue<DateTimeOffset> _recent = new();
    private readonly List<JObject> _decisions = [];
    private readonly object _rateLock = new();
    private string _token = NewToken();
    private int _sequence;

    public PenaltyCasesSimulator(int port = 0)
    {
        _server = SimulatorResponses.StartServer(port);
        _server.Given(Request.Create().WithPath("/case/oauth/token").UsingPost()).RespondWith(Response.Create().WithCallback(r => Limited(r, Token)));
        _server.Given(Request.Create().WithPath("/case/api/clues").UsingPost()).RespondWith(Response.Create().WithCallback(r => Limited(r, Clue)));
        _server.Given(Request.Create().WithPath("/case/api/decisions").UsingGet()).RespondWith(Response.Create().WithCallback(r => Limited(r, Decisions)));
    }

    /// <summary>Base address ending in <c>/case/</c>.</summary>
    public Uri BaseUrl => new($"{_server.Urls[0]}/case/");

    /// <summary>CF's ceiling. <value>20.</value></summary>
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>How many requests were refused with 429.</summary>
    public int Throttled { get; private set; }

    /// <summary>Leads held, by clue id.</summary>
    public IReadOnlyDictionary<string, JObject> Clues => _clues.Values.ToDictionary(v => v.ClueId, v => JObject.Parse(v.Body));

    /// <summary>Adds a decision to the decisions feed (camelCase fields as the contract shows).</summary>
    public void AddDecision(JObject decision)
    {
        lock (_decisions)
        {
            _decisions.Add(decision);
        }
    }

    /// <summary>
    /// Decides every lead that has no decision yet (as CF's case officers would): alternately a warning and a fine,
    /// numbered 赣市监处罚〔year〕n号. Returns how many were decided.
    /// </summary>
    public int DecideOpenLeads(DateOnly today)
    {
        var decided = 0;
        var day = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (clueId, clue) in Clues.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            int number;
            lock (_decisions)
            {
                if (_decisions.Any(d => (string?)d["clueId"] == clueId))
                {
                    continue;
                }

                number = _decisions.Count + 1;
            }

            var fine = number % 2 == 0;
            AddDecision(new JObject
            {
                ["decisionNo"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"赣市监处罚〔{today.Year}〕{number}号"),
                ["clueId"] = clueId,
                ["taskNo"] = clue["taskNo"],
                ["uscc"] = clue["uscc"],
                ["entName"] = clue["entName"],
                ["decidedOn"] = day,
                ["penaltyKind"] = fine ? "FINE" : "WARNING",
                ["fineAmount"] = fine ? "5000.00" : null,
                ["status"] = "DECIDED",
            });
            decided++;
        }

        return decided;
    }

    /// <summary>Invalidates the current token: the next call gets 401.</summary>
    public void ExpireToken() => _token = NewToken();

    public void Dispose() => _server.Dispose();

    private ResponseMessage Limited(IRequestMessage request, Func<IRequestMessage, ResponseMessage> handler)
    {
        lock (_rateLock)
        {
            var now = TimeProvider.System.GetUtcNow();
            while (_recent.TryPeek(out var oldest) && now - oldest > TimeSpan.FromSeconds(1))
            {
                _recent.TryDequeue(out _);
            }

            if (_recent.Count >= RequestsPerSecond)
            {
                Throttled++;
                var refused = SimulatorResponses.Json(HttpStatusCode.TooManyRequests, new JObject { ["error"] = "rate_limited", ["message"] = "请求过于频繁" });
                refused.AddHeader("Retry-After", "1");
                return refused;
            }

            _recent.Enqueue(now);
        }

        return handler(request);
    }

    private ResponseMessage Token(IRequestMessage request)
    {
        var form = (request.Body ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => p.Length > 1 ? WebUtility.UrlDecode(p[1]) : "");
        if (form.GetValueOrDefault("grant_type") != "client_credentials" || form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            return SimulatorResponses.Json(HttpStatusCode.Unauthorized, new JObject { ["error"] = "invalid_client" });
        }

        return SimulatorResponses.Json(HttpStatusCode.OK, new JObject { ["access_token"] = _token, ["token_type"] = "Bearer", ["expires_in"] = 3600 });
    }

    private bool Authorized(IRequestMessage request) =>
        request.Headers?.TryGetValue("Authorization", out var v) == true && v.FirstOrDefault() == $"Bearer {_token}";

    private ResponseMessage Clue(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return SimulatorResponses.Json(HttpStatusCode.Unauthorized, new JObject { ["error"] = "invalid_token" });
        }

        var key = request.Headers?.TryGetValue("Idempotency-Key", out var k) == true ? k.FirstOrDefault() ?? "" : "";
        if (key.Length is 0 or > 64)
        {
            return SimulatorResponses.Json(HttpStatusCode.BadRequest, new JObject { ["error"] = "Idempotency-Key is required, at most 64 characters" });
        }

        var body = request.Body ?? "";
        JObject clue;
        try
        {
            clue = JObject.Parse(body);
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return SimulatorResponses.Json(HttpStatusCode.BadRequest, new JObject { ["error"] = "body is not JSON" });
        }

        if (string.IsNullOrEmpty((string?)clue["uscc"]) || string.IsNullOrEmpty((string?)clue["taskNo"]))
        {
            return SimulatorResponses.Json(HttpStatusCode.BadRequest, new JObject { ["error"] = "taskNo and uscc are required" });
        }

        var created = false;
        var held = _clues.GetOrAdd(key, _ =>
        {
            created = true;
            return (body, string.Create(CultureInfo.InvariantCulture, $"XS{(string?)clue["discoveredOn"] ?? ""}{Interlocked.Increment(ref _sequence):000000}").Replace("-", "", StringComparison.Ordinal));
        });
        if (!created && !JToken.DeepEquals(JObject.Parse(held.Body), clue))
        {
            return SimulatorResponses.Json(HttpStatusCode.UnprocessableEntity, new JObject { ["error"] = "Idempotency-Key reused with a different body" });
        }

        return SimulatorResponses.Json(created ? HttpStatusCode.Created : HttpStatusCode.OK, new JObject { ["clueId"] = held.ClueId });
    }

    private ResponseMessage Decisions(IRequestMessage request)
    {
        if (!Authorized(request))
        {
            return SimulatorResponses.Json(HttpStatusCode.Unauthorized, new JObject { ["error"] = "invalid_token" });
        }

        string Query(string name) => request.Query?.TryGetValue(name, out var v) == true ? v.FirstOrDefault() ?? "" : "";
        var limit = int.TryParse(Query("limit"), out var l) && l is > 0 and <= 500 ? l : 500;
        var offset = 0;
        if (Query("cursor") is { Length: > 0 } cursor)
        {
            try
            {
                offset = (int?)JObject.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(cursor)))["o"] ?? 0;
            }
            catch (Exception ex) when (ex is FormatException or Newtonsoft.Json.JsonReaderException)
            {
                return SimulatorResponses.Json(HttpStatusCode.BadRequest, new JObject { ["error"] = "invalid cursor" });
            }
        }

        List<JObject> all;
        lock (_decisions)
        {
            all = [.. _decisions];
        }

        var items = new JArray(all.Skip(offset).Take(limit));
        var next = offset + limit < all.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"o\":{offset + limit}}}")) : null;
        return SimulatorResponses.Json(HttpStatusCode.OK, new JObject { ["items"] = items, ["nextCursor"] = next });
    }

    private static string NewToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
