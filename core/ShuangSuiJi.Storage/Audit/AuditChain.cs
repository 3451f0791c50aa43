using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace ShuangSuiJi.Storage.Audit;

/// <summary>
/// The audit chain's hash: SM3 (GB/T 32905) over the entry's fields, each written as its UTF-8 byte length and
/// bytes (so no choice of field contents can make two different entries hash alike), ending with the previous hash.
/// </summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var digest = new SM3Digest();
        Write(digest, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(digest, entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Write(digest, entry.Actor);
        Write(digest, entry.Act);
        Write(digest, entry.Subject);
        Write(digest, entry.Outcome);
        Write(digest, entry.Detail);
        Write(digest, entry.Address);
        Write(digest, entry.PreviousHash);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return Convert.ToHexStringLower(output);
    }

    private static void Write(SM3Digest digest, string? value)
    {
        if (value is null)
        {
            // -1 marks null, distinct from the empty string's 0.
            Span<byte> none = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(none, -1);
            digest.BlockUpdate(none);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        digest.BlockUpdate(length);
        digest.BlockUpdate(bytes);
    }
}
