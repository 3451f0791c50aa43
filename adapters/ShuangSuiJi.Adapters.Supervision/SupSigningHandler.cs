using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Adapters.Supervision;

/// <summary>Signs every request just before it leaves: fresh timestamp and nonce each time, so a retry is re-signed.</summary>
public sealed class SupSigningHandler(IOptions<SupOptions> options, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)); // 24 characters, within 16-32
        var pathAndQuery = request.RequestUri?.PathAndQuery ?? "";
        request.Headers.Remove("X-App-Key");
        request.Headers.Remove("X-Timestamp");
        request.Headers.Remove("X-Nonce");
        request.Headers.Remove("X-Sign");
        request.Headers.Add("X-App-Key", o.AppKey);
        request.Headers.Add("X-Timestamp", timestamp);
        request.Headers.Add("X-Nonce", nonce);
        request.Headers.Add("X-Sign", SupSignature.Sign(o.AppSecret, o.AppKey, timestamp, nonce, request.Method.Method, pathAndQuery, body));
        return await base.SendAsync(request, cancellationToken);
    }
}
