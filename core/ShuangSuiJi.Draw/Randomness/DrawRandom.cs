using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace ShuangSuiJi.Draw.Randomness;

/// <summary>
/// The draw's deterministic random stream, algorithm <c>SSJ-DRAW-1</c> (docs/draw-spec.md §3): the ChaCha20
/// keystream (RFC 8439, block counter from 0, all-zero 96-bit nonce) under the key <c>SHA-256(seed ‖ UTF-8(label))</c>;
/// 64-bit numbers are read big-endian, 8 bytes at a time. Separate labels give independent streams, so each
/// stratum and each department draws from its own.
/// </summary>
public sealed class DrawRandom : IDisposable
{
    /// <summary>Seed length in bytes (256 bits).</summary>
    public const int SeedLength = 32;

    private const int BufferLength = 4096;

    private readonly ChaCha7539Engine _chacha = new();
    private readonly byte[] _zeros = new byte[BufferLength];
    private readonly byte[] _buffer = new byte[BufferLength];
    private int _offset = BufferLength;

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
        var material = new byte[SeedLength + labelBytes.Length];
        seed.CopyTo(material);
        labelBytes.CopyTo(material.AsSpan(SeedLength));
        _chacha.Init(true, new ParametersWithIV(new KeyParameter(SHA256.HashData(material)), new byte[12]));
    }

    /// <summary>The next 64 bits of the stream, big-endian.</summary>
    public ulong NextUInt64()
    {
        if (_offset + 8 > BufferLength)
        {
            // Encrypting zeros yields the keystream itself.
            _chacha.ProcessBytes(_zeros, 0, BufferLength, _buffer, 0);
            _offset = 0;
        }

        var value = BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(_offset));
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

    public void Dispose() => _chacha.Reset();
}
