using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Adapters.CreditPublicity;

/// <summary>
/// The typed client of GS: fetches a bearer token with the configured username and password, sends it on every
/// call, and on HTTP 401 fetches a new token once and retries (the contract's rule). Transient faults (5xx,
/// timeouts) are retried by the resilience pipeline registered with it.
/// </summary>
public sealed class GsClient(HttpClient http, IOptions<GsOptions> options)
{
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _token;

    /// <summary>One page of entities modified since <paramref name="modifiedSince"/> (China time), 1-based.</summary>
    public async Task<GsPage> GetEntitiesAsync(DateTimeOffset? modifiedSince, int page, CancellationToken cancellationToken)
    {
        var since = (modifiedSince ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(8))).ToOffset(TimeSpan.FromHours(8));
        var path = FormattableString.Invariant($"entities?modifiedSince={since:yyyyMMddHHmmss}&page={page}&size={options.Value.PageSize}");
        var bytes = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), "entities", cancellationToken);
        return GsXml.EntitiesPage(bytes, page) with { Size = options.Value.PageSize };
    }

    /// <summary>One page of GS's copy of the inspector roster, 1-based; the page size is the configured one.</summary>
    public async Task<(long Total, IReadOnlyList<GsInspector> Inspectors, int Size)> GetInspectorsAsync(int page, CancellationToken cancellationToken)
    {
        var path = FormattableString.Invariant($"inspectors?page={page}&size={options.Value.PageSize}");
        var bytes = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), "inspectors", cancellationToken);
        var (total, inspectors) = GsXml.InspectorsPage(bytes);
        return (total, inspectors, options.Value.PageSize);
    }

    /// <summary>Posts a <c>&lt;draw&gt;</c> document; returns the response body.</summary>
    public Task<byte[]> PostDrawAsync(string drawXml, CancellationToken cancellationToken) =>
        SendAsync(() => XmlPost("draws", drawXml), "draws", cancellationToken);

    /// <summary>
    /// Posts a <c>&lt;notice&gt;</c>; returns GS's notice id and whether GS already had it (code 30 answers the
    /// existing id: an idempotent repeat, not a failure).
    /// </summary>
    public async Task<(string NoticeId, bool Duplicate)> PostNoticeAsync(string noticeXml, CancellationToken cancellationToken)
    {
        var bytes = await SendAsync(() => XmlPost("notices", noticeXml), "notices", cancellationToken);
        try
        {
            var id = GsXml.Body(bytes, "notices").Element("noticeid")?.Value;
            return (id ?? throw new PartnerException(GsXml.Partner, "notices", "no-id", "the answer has no <noticeid>"), false);
        }
        catch (PartnerException ex) when (ex.PartnerCode == "30")
        {
            var existing = GsXml.Root(bytes, "notices").Element("body")?.Element("noticeid")?.Value;
            return (existing ?? throw new PartnerException(GsXml.Partner, "notices", "30", "conflict without the existing <noticeid>", inner: ex), true);
        }
    }

    /// <summary>
    /// Stops publicising a notice (credit repair): <c>POST notices/{noticeId}/withdraw</c>, no body. Code 10 (no such
    /// notice) is a refusal, not retried.
    /// </summary>
    public async Task WithdrawNoticeAsync(string noticeId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(noticeId);
        var path = $"notices/{Uri.EscapeDataString(noticeId)}/withdraw";
        var bytes = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent([]) }, "withdraw", cancellationToken);
        GsXml.Body(bytes, "withdraw");
    }

    private static HttpRequestMessage XmlPost(string path, string xml) => new(HttpMethod.Post, path)
    {
        Content = new StringContent("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + xml, System.Text.Encoding.UTF8, "application/xml"),
    };

    private async Task<byte[]> SendAsync(Func<HttpRequestMessage> request, string operation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await TokenAsync(renew: attempt > 0, cancellationToken);
            using var message = request();
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(message, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new PartnerException(GsXml.Partner, operation, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    response.ReasonPhrase ?? "", retryable: (int)response.StatusCode >= 500);
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }
    }

    private async Task<string> TokenAsync(bool renew, CancellationToken cancellationToken)
    {
        await _tokenLock.WaitAsync(cancellationToken);
        try
        {
            if (_token is not null && !renew)
            {
                return _token;
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = options.Value.Username,
                ["password"] = options.Value.Password,
            });
            using var response = await http.PostAsync(new Uri("auth/token", UriKind.Relative), form, cancellationToken);
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new PartnerException(GsXml.Partner, "token", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), "token request refused");
            }

            // The contract answers a bare <token> document; an enveloped answer (with an error code) is read as one.
            var root = GsXml.Root(bytes, "token");
            var tokenElement = root.Name == "token" ? root : GsXml.Body(bytes, "token").Element("token");
            _token = tokenElement?.Element("value")?.Value
                ?? throw new PartnerException(GsXml.Partner, "token", "no-token", "the token response has no <value>");
            return _token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

}
