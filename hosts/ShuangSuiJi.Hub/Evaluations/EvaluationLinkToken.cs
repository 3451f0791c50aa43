using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>
/// The token in an evaluation link: the result's key, a random nonce and the expiry, signed with HMAC-SHA-256 under
/// the hub's link key. Written as <c>base64url(payload).base64url(mac)</c>; the payload is only read once the MAC
/// matches, so a forged token is refused before anything in it is trusted.
/// </summary>
internal sealed record EvaluationLinkToken(string TaskNumber, string TargetCreditCode, string DepartmentCode, string Nonce, DateTimeOffset ExpiresAt)
{
    /// <summary>Longest token read; anything longer is refused unread.</summary>
    public const int MaxLength = 1024;

    private const string Version = "v1";

    /// <summary>A token with a fresh 128-bit nonce.</summary>
    public static EvaluationLinkToken Create(string taskNumber, string targetCreditCode, string departmentCode, DateTimeOffset expiresAt) =>
        new(taskNumber, targetCreditCode, departmentCode, Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), expiresAt);

    /// <summary>Lower-case hex SHA-256 of the nonce, as the store keeps it.</summary>
    public string NonceHash => Hash(Nonce);

    public static string Hash(string nonce) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(nonce)));

    /// <summary>The signed text for a URL path segment.</summary>
    public string Sign(ReadOnlySpan<byte> key)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', Version, TaskNumber, TargetCreditCode, DepartmentCode, Nonce,
            ExpiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>The token <paramref name="text"/> carries, or <see langword="null"/> when it is malformed or its signature is not the hub's.</summary>
    public static EvaluationLinkToken? Read(string? text, ReadOnlySpan<byte> key)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Split('.') is not [var encodedPayload, var encodedMac])
        {
            return null;
        }

        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(encodedPayload);
            mac = Base64Url.DecodeFromChars(encodedMac);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(key, payload)))
        {
            return null;
        }

        // Signed by the hub, so well formed unless the format changed; still checked rather than trusted.
        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        return parts is [Version, var task, var target, var department, var nonce, var expires]
            && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? new EvaluationLinkToken(task, target, department, nonce, DateTimeOffset.FromUnixTimeSeconds(seconds))
            : null;
    }
}
