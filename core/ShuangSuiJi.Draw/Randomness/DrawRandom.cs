using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ShuangSuiJi.Draw.Randomness;

/// <summary>
/// The draw's deterministic random stream, algorithm <c>SSJ-DRAW-1</c> (docs/draw-spec.md §3): SHA-256 in counter
/// mode. Block <c>i</c> of the stream named <c>label</c> is <c>SHA-256(seed ‖ UTF-8(label) ‖ 0x00 ‖ BE64(i))</c>;
/// the stream is the blocks concatenated; 64-bit numbers are read big-endian, 8 bytes at a time.
/// Separate labels give independent streams, so each stratum and each department draws from its own.
/// </summary>
public sealed class DrawRandom : IDisposable
{
    /// <summary>Seed length in bytes (256 bits).</summary>
    public const int SeedLength = 32;

    private readonly byte[] _prefix;
    private readonly byte[] _block = new byte[SHA256.HashSizeInBytes];

    // One hashing context reused for every block: a one-shot hash per block costs several times more.
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ulong _counter;
    private int _offset = SHA256.HashSizeInBytes;

    /// <param name="seed">The revealed 32-byte seed.</param>
    /// <param name="label">The stream's name, for example <c>targets/A</c>.</param>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public DrawRandom(ReadOnlySpan<byte> seed, string label)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException($"A draw seed is {SeedLength} bytes, got {seed.Length}.", nameof(seed));
        }

        ArgumentNullException.ThrowIfNull(label);
        var labelBytes = Encoding.UTF8.GetBytes(label);
        _prefix = new byte[SeedLength + labelBytes.Length + 1 + 8];
        seed.CopyTo(_prefix);
        labelBytes.CopyTo(_prefix.AsSpan(SeedLength));
        _prefix[SeedLength + labelBytes.Length] = 0x00;
    }

    /// <summary>The next 64 bits of the stream, big-endian.</summary>
    public ulong NextUInt64()
    {
        if (_offset + 8 > _block.Length)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_prefix.AsSpan(_prefix.Length - 8), _counter++);
            _sha256.AppendData(_prefix);
            _sha256.GetHashAndReset(_block);
            _offset = 0;
        }

        var value = BinaryPrimitives.ReadUInt64BigEndian(_block.AsSpan(_offset));
        _offset += 8;
        return value;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="bound"/>), without bias: 64-bit values at or above the largest
    /// multiple of <paramref name="bound"/> are rejected and redrawn; the rest are reduced modulo the bound.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is zero.</exception>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var limit = ulong.MaxValue - (((ulong.MaxValue % bound) + 1) % bound);
        ulong value;
        do
        {
            value = NextUInt64();
        }
        while (value > limit);

        return value % bound;
    }

    public void Dispose() => _sha256.Dispose();
}
