using System.Security.Cryptography;
using System.Text;

namespace ShuangSuiJi.Storage.Access;

/// <summary>
/// Issues and checks API keys of the form <c>ssj_PPPPPPPPPP_SSSS…</c>: a random lookup prefix and a random secret of
/// 192 bits, both from the OS's random source. The store keeps the prefix and a SHA-256 hash of the whole key.
/// </summary>
public static class ApiKeySecret
{
    /// <summary>Characters in the lookup prefix.</summary>
    /// <value>10.</value>
    public const int PrefixLength = 10;

    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A new key, its prefix and its hash. Show the key once; store only the prefix and hash.</summary>
    public static (string Key, string Prefix, string Hash) Create()
    {
        var prefix = RandomNumberGenerator.GetString(Alphabet, PrefixLength);
        var key = $"ssj_{prefix}_{RandomNumberGenerator.GetString(Alphabet, 33)}";
        return (key, prefix, Hash(key));
    }

    /// <summary>The lookup prefix of <paramref name="key"/>, or null when it is not shaped like one of ours.</summary>
    public static string? PrefixOf(string key) =>
        key.Length > 4 + PrefixLength + 1 && key.StartsWith("ssj_", StringComparison.Ordinal) && key[4 + PrefixLength] == '_'
            ? key.Substring(4, PrefixLength)
            : null;

    /// <summary>Lower-case hex SHA-256 of the key's UTF-8 bytes.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares <paramref name="key"/> with a stored hash in constant time.</summary>
    public static bool Matches(string key, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(storedHash));
}
