using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Adapters.Supervision;

/// <summary>
/// The typed client of SUP. The platform answers HTTP 200 with a code in the body: <c>0000</c> success; 1002
/// (timestamp expired) and 1003 (nonce reused) are retried re-signed; 5000 (busy) is retried; 5001 (maintenance)
/// after <c>data.retryAfterSeconds</c>; 1001, 2001 and 4004 surface at once as <see cref="PartnerException"/>.
/// Gateway 502/503/504 go through the resilience pipeline.
/// </summary>
public sealed class SupClient(HttpClient http, IOptions<SupOptions> options, TimeProvider timeProvider)
{
    public const string Partner = "SUP";

    /// <summary>A page of <paramref name="resource"/> (departments, users, items, inspectors, plans, tasks, results, evaluations).</summary>
    public async Task<SupPage> GetPageAsync(string resource, int pageNo, DateTimeOffset? updatedSince, CancellationToken cancellationToken)
    {
        var query = PageQuery(resource, pageNo, updatedSince);
        var data = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, query), resource, cancellationToken);
        return new SupPage(
            (long?)data["total"] ?? 0,
            (int?)data["pageNo"] ?? pageNo,
            (int?)data["pageSize"] ?? options.Value.PageSize,
            [.. (data["list"] as JArray ?? []).OfType<JObject>()]);
    }

    /// <summary>
    /// A page of <paramref name="resource"/> read token by token (<see cref="SupPageReader"/>): each record made by
    /// <paramref name="readRecord"/>, never a JSON DOM. Errors, retries and defaults as <see cref="GetPageAsync(string, int, DateTimeOffset?, CancellationToken)"/>.
    /// </summary>
    public async Task<SupPage<T>> GetPageAsync<T>(
        string resource, int pageNo, DateTimeOffset? updatedSince, Func<JsonTextReader, SupPageText, T> readRecord, CancellationToken cancellationToken)
    {
        var query = PageQuery(resource, pageNo, updatedSince);
        var page = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, query), resource, text =>
        {
            var envelope = SupPageReader.Read(text, readRecord);
            return (envelope.Code, envelope.Message, envelope.RetryAfterSeconds, envelope);
        }, cancellationToken);
        return new SupPage<T>(page.Total ?? 0, page.PageNo ?? pageNo, page.PageSize ?? options.Value.PageSize, page.List);
    }

    private string PageQuery(string resource, int pageNo, DateTimeOffset? updatedSince)
    {
        var since = (updatedSince ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(8))).ToOffset(TimeSpan.FromHours(8));
        return string.Create(CultureInfo.InvariantCulture, $"{resource}?pageNo={pageNo}&pageSize={options.Value.PageSize}&updatedSince={Uri.EscapeDataString(since.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))}");
    }

    /// <summary>Posts one record; returns <c>data</c> (for results, <c>{"duplicate":true}</c> marks an idempotent repeat).</summary>
    public Task<JToken> PostAsync(string resource, JObject body, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, resource)
        {
            Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json"),
        }, resource, cancellationToken);

    private Task<JToken> SendAsync(Func<HttpRequestMessage> create, string operation, CancellationToken cancellationToken) =>
        SendAsync(create, operation, text =>
        {
            var envelope = JObject.Parse(text);
            var code = (string?)envelope["code"] ?? "";
            return (code, (string?)envelope["msg"] ?? "", code == "5001" ? (int?)envelope["data"]?["retryAfterSeconds"] : null, envelope["data"] ?? JValue.CreateNull());
        }, cancellationToken);

    /// <param name="read">Reads the answer's code, message, <c>data.retryAfterSeconds</c> and data; throws <see cref="JsonReaderException"/> when it is not JSON.</param>
    private async Task<TData> SendAsync<TData>(
        Func<HttpRequestMessage> create, string operation, Func<string, (string Code, string Message, int? RetryAfterSeconds, TData Data)> read, CancellationToken cancellationToken)
    {
        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new PartnerException(Partner, operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), response.ReasonPhrase ?? "",
                    retryable: (int)response.StatusCode >= 500);
            }

            string code, message;
            int? retryAfter;
            TData data;
            try
            {
                (code, message, retryAfter, data) = read(text);
            }
            catch (JsonReaderException ex)
            {
                throw new PartnerException(Partner, operation, "malformed", $"the answer is not JSON: {ex.Message}", retryable: true, ex);
            }

            if (code == "0000")
            {
                return data;
            }

            var retryable = code is "1002" or "1003" or "5000" or "5001";
            if (!retryable || attempt >= o.MaxAttempts)
            {
                throw new PartnerException(Partner, operation, code, message, retryable);
            }

            var wait = code switch
            {
                "5001" => TimeSpan.FromSeconds(Math.Min(o.MaxRetryAfterSeconds, retryAfter ?? 5)),
                "5000" => TimeSpan.FromMilliseconds(200 * attempt),
                _ => TimeSpan.Zero, // 1002/1003: re-signing with a fresh timestamp and nonce is the fix
            };
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }
        }
    }
}
