using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Adapters.NationalPlatform;

/// <summary>
/// Signs every request as it leaves: <c>Authorization: SAMR-HMAC-SHA256 appid=…, ts=…, nonce=…, sig=…</c> with
/// sig = base64 HMAC-SHA256(secret, appid + ts + nonce + lower-hex SHA-256 of the body).
/// </summary>
public sealed class ZjSigningHandler(IOptions<ZjOptions> options, TimeProvider timeProvider) : DelegatingHandler
{
    public static string Signature(string secret, string appId, string ts, string nonce, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(appId + ts + nonce + bodyHash)));
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var ts = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", $"SAMR-HMAC-SHA256 appid={o.AppId}, ts={ts}, nonce={nonce}, sig={Signature(o.Secret, o.AppId, ts, nonce, body)}");
        return await base.SendAsync(request, cancellationToken);
    }
}
