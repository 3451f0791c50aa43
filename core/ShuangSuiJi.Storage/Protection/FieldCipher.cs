using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Storage.Protection;

/// <summary>
/// Encrypts single values at rest with SM4 (GB/T 32907) in GCM mode: a random 96-bit nonce per value and a 128-bit
/// tag, so a changed byte fails to decrypt instead of decrypting to something else. Stored form:
/// <c>ssj:1:{keyId}:{Base64(nonce ‖ ciphertext ‖ tag)}</c>, the header also authenticated, so values written under
/// retired keys stay readable while a rotation runs. Also computes blind indexes (HMAC-SM3) for equality lookups.
/// Thread-safe.
/// </summary>
public sealed class FieldCipher
{
    /// <summary>The prefix of every encrypted value.</summary>
    public const string Prefix = "ssj:1:";

    private const int NonceBytes = 12;
    private const int TagBits = 128;

    private readonly Dictionary<string, byte[]> _encryptionKeys = new(StringComparer.Ordinal);
    private readonly byte[] _indexKey;
    private readonly List<byte[]> _retiredIndexKeys = [];
    private readonly byte[] _contentKey;

    /// <summary>A cipher over <paramref name="current"/> (id <paramref name="currentId"/>) and, for reading only, <paramref name="retired"/>.</summary>
    /// <exception cref="ArgumentException">A key is not 16 bytes, or a key id is not 1-16 letters, digits, '-' or '_'.</exception>
    public FieldCipher(string currentId, ReadOnlySpan<byte> current, IReadOnlyDictionary<string, byte[]>? retired = null)
    {
        CheckKey(currentId, current);
        CurrentKeyId = currentId;
        _encryptionKeys[currentId] = Derive(current, "ssj/sm4-gcm/v1", 16);
        _indexKey = Derive(current, "ssj/blind-index/v1", 32);
        _contentKey = Derive(current, "ssj/content-hash/v1", 32);
        foreach (var (id, key) in retired ?? new Dictionary<string, byte[]>())
        {
            CheckKey(id, key);
            _encryptionKeys.TryAdd(id, Derive(key, "ssj/sm4-gcm/v1", 16));
            _retiredIndexKeys.Add(Derive(key, "ssj/blind-index/v1", 32));
        }

        var fingerprint = new SM3Digest();
        foreach (var (id, key) in _encryptionKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var bytes = Encoding.UTF8.GetBytes(id);
            fingerprint.BlockUpdate(bytes, 0, bytes.Length);
            fingerprint.BlockUpdate(key, 0, key.Length);
        }

        fingerprint.BlockUpdate(Encoding.UTF8.GetBytes(currentId), 0, Encoding.UTF8.GetByteCount(currentId));
        var output = new byte[32];
        fingerprint.DoFinal(output, 0);
        Fingerprint = Convert.ToHexStringLower(output.AsSpan(0, 8));
    }

    /// <summary>The id new values are written under.</summary>
    public string CurrentKeyId { get; }

    /// <summary>A short hash of the key ring (not of any plaintext): equal rings share one EF model.</summary>
    public string Fingerprint { get; }

    /// <summary>16 fresh random bytes in Base64: a new data key.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>A cipher with a random key nobody else knows, for tools that never read data (scaffolding).</summary>
    public static FieldCipher Ephemeral() => new("ephemeral", RandomNumberGenerator.GetBytes(16));

    /// <summary>Whether <paramref name="stored"/> is in the encrypted form.</summary>
    public static bool IsEncrypted(string? stored) => stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The key id an encrypted value was written under, or <see langword="null"/> for plain text.</summary>
    public static string? KeyIdOf(string? stored)
    {
        if (!IsEncrypted(stored))
        {
            return null;
        }

        var end = stored!.IndexOf(':', Prefix.Length);
        return end < 0 ? null : stored[Prefix.Length..end];
    }

    /// <summary>Encrypts <paramref name="plaintext"/> under the current key.</summary>
    public string Encrypt(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var header = $"{Prefix}{CurrentKeyId}:";
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var gcm = Gcm(true, _encryptionKeys[CurrentKeyId], nonce, header);
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceBytes + gcm.GetOutputSize(input.Length)];
        nonce.CopyTo(output, 0);
        var written = gcm.ProcessBytes(input, 0, input.Length, output, NonceBytes);
        gcm.DoFinal(output, NonceBytes + written);
        return header + Convert.ToBase64String(output);
    }

    /// <summary>The plaintext of an encrypted value; plain text comes back as it is (values stored before encryption).</summary>
    /// <exception cref="CryptographicException">The value was altered, or its key id is unknown (a retired key not configured).</exception>
    public string Decrypt(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsEncrypted(stored))
        {
            return stored;
        }

        var end = stored.IndexOf(':', Prefix.Length);
        if (end < 0)
        {
            throw new CryptographicException("An encrypted value has no key id.");
        }

        var keyId = stored[Prefix.Length..end];
        if (!_encryptionKeys.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"A value is encrypted under data key '{keyId}', which is not configured (Security:DataKey or Security:RetiredDataKeys:{keyId}).");
        }

        byte[] data;
        try
        {
            data = Convert.FromBase64String(stored[(end + 1)..]);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("An encrypted value is not valid Base64.", ex);
        }

        if (data.Length < NonceBytes + (TagBits / 8))
        {
            throw new CryptographicException("An encrypted value is too short.");
        }

        var gcm = Gcm(false, key, data.AsSpan(0, NonceBytes).ToArray(), stored[..(end + 1)]);
        var output = new byte[gcm.GetOutputSize(data.Length - NonceBytes)];
        try
        {
            var written = gcm.ProcessBytes(data, NonceBytes, data.Length - NonceBytes, output, 0);
            written += gcm.DoFinal(output, written);
            return Encoding.UTF8.GetString(output, 0, written);
        }
        catch (InvalidCipherTextException ex)
        {
            throw new CryptographicException("An encrypted value failed its integrity check: it was altered or belongs to another key.", ex);
        }
    }

    /// <summary>Encrypts <paramref name="text"/> when it holds anything like an ID or mobile number; other text stays plain (and cheap to read).</summary>
    public string EncryptIfSensitive(string text) =>
        !IsEncrypted(text) && SensitiveText.Contains(text) ? Encrypt(text) : text;

    /// <summary>
    /// The change-detection hash of a record's content, stored in the clear beside its (possibly encrypted) copy:
    /// keyed (HMAC-SHA-256 under a key derived from the data key), so that a reader of the store cannot confirm a
    /// guessed ID number against it as it could against a plain hash. Hardware SHA-256 keeps it fast on the
    /// reconciliation's million-record runs; a key rotation changes every hash, so each copy is rewritten once.
    /// </summary>
    public string ContentHash(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(_contentKey, Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>
    /// The deterministic blind index of a value, for equality lookups on an encrypted column: HMAC-SM3 under a key
    /// derived from the current data key, over the value trimmed and upper-cased (<c>x</c> and <c>X</c> check
    /// characters match); 64 hex characters. It reveals only whether two values are equal.
    /// </summary>
    public string BlindIndex(string value) => BlindIndex(_indexKey, value);

    /// <summary>
    /// The blind indexes a stored row may carry for <paramref name="value"/>: under the current key, then under each
    /// retired key (rows not yet rewritten by <c>ssj security reencrypt</c> after a rotation still carry those).
    /// </summary>
    public IReadOnlyList<string> BlindIndexes(string value) => [BlindIndex(_indexKey, value), .. _retiredIndexKeys.Select(key => BlindIndex(key, value))];

    private static string BlindIndex(byte[] indexKey, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(indexKey));
        var input = Encoding.UTF8.GetBytes(value.Trim().ToUpperInvariant());
        mac.BlockUpdate(input, 0, input.Length);
        var output = new byte[mac.GetMacSize()];
        mac.DoFinal(output, 0);
        return Convert.ToHexStringLower(output);
    }

    private static GcmBlockCipher Gcm(bool encrypt, byte[] key, byte[] nonce, string header)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(encrypt, new AeadParameters(new KeyParameter(key), TagBits, nonce, Encoding.ASCII.GetBytes(header)));
        return gcm;
    }

    private static byte[] Derive(ReadOnlySpan<byte> key, string label, int length)
    {
        var mac = new HMac(new SM3Digest());
        mac.Init(new KeyParameter(key.ToArray()));
        var input = Encoding.ASCII.GetBytes(label);
        mac.BlockUpdate(input, 0, input.Length);
        var output = new byte[mac.GetMacSize()];
        mac.DoFinal(output, 0);
        return output[..length];
    }

    private static void CheckKey(string id, ReadOnlySpan<byte> key)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 16 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"A data key id must be 1-16 letters, digits, '-' or '_'; '{id}' is not.", nameof(id));
        }

        if (key.Length != 16)
        {
            throw new ArgumentException($"Data key '{id}' must be 16 bytes (128 bits); it is {key.Length}.", nameof(key));
        }
    }
}
