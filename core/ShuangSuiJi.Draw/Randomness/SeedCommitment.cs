using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace ShuangSuiJi.Draw.Randomness;

/// <summary>
/// Commit-reveal for draw seeds: a 256-bit seed from the OS CSPRNG is committed (its hash published) when a task
/// is scheduled and revealed with the result, so nobody — the hub's operators included — can pick a seed after
/// seeing the eligible list.
/// </summary>
public static class SeedCommitment
{
    /// <summary>A fresh seed from the operating system's cryptographic random source.</summary>
    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(DrawRandom.SeedLength);

    /// <summary>The commitment: lower-case hex of the seed's hash.</summary>
    public static string Commit(ReadOnlySpan<byte> seed, CommitmentAlgorithm algorithm = CommitmentAlgorithm.Sha256)
    {
        if (seed.Length != DrawRandom.SeedLength)
        {
            throw new ArgumentException($"A draw seed is {DrawRandom.SeedLength} bytes, got {seed.Length}.", nameof(seed));
        }

        return Convert.ToHexStringLower(algorithm switch
        {
            CommitmentAlgorithm.Sha256 => SHA256.HashData(seed),
            CommitmentAlgorithm.Sm3 => Sm3(seed),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown commitment algorithm."),
        });
    }

    /// <summary>Whether <paramref name="seed"/> is the one <paramref name="commitment"/> was made for.</summary>
    public static bool Verify(ReadOnlySpan<byte> seed, string commitment, CommitmentAlgorithm algorithm = CommitmentAlgorithm.Sha256) =>
        seed.Length == DrawRandom.SeedLength && string.Equals(Commit(seed, algorithm), commitment, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a 64-character hex seed.</summary>
    /// <exception cref="FormatException">Not 64 hex characters.</exception>
    public static byte[] ParseSeed(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != DrawRandom.SeedLength * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new FormatException($"A seed is {DrawRandom.SeedLength * 2} hex characters, got '{hex}'.");
        }

        return Convert.FromHexString(hex);
    }

    private static byte[] Sm3(ReadOnlySpan<byte> data)
    {
        var digest = new SM3Digest();
        digest.BlockUpdate(data);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }
}
