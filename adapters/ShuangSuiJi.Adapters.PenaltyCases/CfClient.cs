using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Adapters.PenaltyCases;

/// <summary>
/// The typed client of CF: OAuth2 client-credentials tokens (renewed before expiry and once on 401), an
/// Idempotency-Key on every lead derived from the lead's identity so a retry is recognised, cursor paging, and 429
/// answered by waiting the Retry-After (the client-side limiter in the pipeline keeps under CF's 20 requests/s).
/// </summary>
public sealed class CfClient(HttpClient http, IOptions<CfOptions> options, TimeProvider timeProvider)
{
    public const string Partner = "CF";

    private const int MaxAttempts = 5;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    /// <summary>The key CF deduplicates by: SHA-256 (hex, 64 characters, CF's maximum) of task, target and department.</summary>
    public static string IdempotencyKey(string taskNo, string uscc, string departmentCode) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{taskNo}\n{uscc}\n{departmentCode}")));

    /// <summary>Raises a lead; returns CF's clue id and whether CF already had it (200 for a known key).</summary>
    public async Task<(string ClueId, bool Duplicate)> PostClueAsync(CfClue clue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clue);
        var key = IdempotencyKey(clue.TaskNo, clue.Uscc, clue.DepartmentCode);
        var json = JsonConvert.SerializeObject(clue);
        var (status, body) = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/clues") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return request;
        }, "clues", cancellationToken);
        if (status == HttpStatusCode.UnprocessableEntity)
        {
            throw new PartnerException(Partner, "clues", "422", $"the Idempotency-Key {key} was used with a different lead: {body}");
        }

        var id = (string?)JObject.Parse(body)["clueId"] ?? throw new PartnerException(Partner, "clues", "no-id", "the answer has no clueId");
        return (id, status == HttpStatusCode.OK);
    }

    /// <summary>One page of decisions since <paramref name="since"/>, from <paramref name="cursor"/> (null: the first page).</summary>
    public async Task<CfDecisionPage> GetDecisionsAsync(DateTimeOffset since, string? cursor, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture,
            $"api/decisions?since={Uri.EscapeDataString(since.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture))}&limit={options.Value.PageSize}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
        var (_, body) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), "decisions", cancellationToken);
        JObject page;
        try
        {
            page = JObject.Parse(body);
        }
        catch (JsonReaderException ex)
        {
            throw new PartnerException(Partner, "decisions", "malformed", $"the answer is not JSON: {ex.Message}", retryable: true, ex);
        }

        var items = (page["items"] as JArray ?? []).OfType<JObject>().Select(CfDecision.From).ToList();
        return new CfDecisionPage(items, page["nextCursor"] is JValue { Value: string next } ? next : null);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(Func<HttpRequestMessage> create, string operation, CancellationToken cancellationToken)
    {
        var renewed = false;
        for (var attempt = 1; ; attempt++)
        {
            var token = await TokenAsync(renew: false, cancellationToken);
            using var request = create();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Unauthorized when !renewed:
                    renewed = true;
                    await TokenAsync(renew: true, cancellationToken);
                    continue;
                case HttpStatusCode.TooManyRequests when attempt < MaxAttempts:
                    // CF's limit: wait what it says, at least a little, at most a minute.
                    var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    await Task.Delay(wait < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait, timeProvider, cancellationToken);
                    continue;
                case HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity:
                    return (response.StatusCode, body);
                default:
                    throw new PartnerException(Partner, operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body,
                        retryable: (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests);
            }
        }
    }

    private async Task<string> TokenAsync(bool renew, CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (!renew && _token is not null && timeProvider.GetUtcNow() < _expires)
            {
                return _token;
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.Value.ClientId,
                ["client_secret"] = options.Value.ClientSecret,
            });
            using var response = await http.PostAsync(new Uri("oauth/token", UriKind.Relative), form, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new PartnerException(Partner, "token", ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body);
            }

            var json = JObject.Parse(body);
            _token = (string?)json["access_token"] ?? throw new PartnerException(Partner, "token", "no-token", "the answer has no access_token");

            // Renew a minute early, so a request never carries a token that expires in flight.
            _expires = timeProvider.GetUtcNow().AddSeconds(Math.Max(60, (int?)json["expires_in"] ?? 3600) - 60);
            return _token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }
}
