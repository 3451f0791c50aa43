using System.Text;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace ShuangSuiJi.Adapters.Supervision;

/// <summary>
/// SUP's request signature: lower-case hex of HMAC-SM3 (GB/T 32905) keyed with the app secret over
/// <c>appKey \n timestamp \n nonce \n METHOD \n pathAndQuery \n body</c> (body empty for GET).
/// </summary>
public static class SupSignature
{
    public static string Sign(string appSecret, string appKey, string timestamp, string nonce, string method, string pathAndQuery, string body)
    {
        ArgumentNullException.ThrowIfNull(appSecret);
        var hmac = new HMac(new SM3Digest());
        hmac.Init(new KeyParameter(Encoding.UTF8.GetBytes(appSecret)));
        var data = Encoding.UTF8.GetBytes($"{appKey}\n{timestamp}\n{nonce}\n{method.ToUpperInvariant()}\n{pathAndQuery}\n{body}");
        hmac.BlockUpdate(data, 0, data.Length);
        var output = new byte[hmac.GetMacSize()];
        hmac.DoFinal(output, 0);
        return Convert.ToHexStringLower(output);
    }
}
