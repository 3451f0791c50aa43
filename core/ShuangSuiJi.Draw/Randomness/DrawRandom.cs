using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace ShuangSuiJi.Draw.Randomness;

/// <summary>
/// The draw's deterministic random stream (docs/draw-spec.md §3, the same in <c>SSJ-DRAW-1</c> and <c>-2</c>): the
/// ChaCha20 keystream (RFC 8439, block counter from 0, all-zero 96-bit nonce) under the key
/// <c>SHA-256(seed ‖ UTF-8(label))</c>; 64-bit numbers are read big-endian, 8 bytes at a time. Separate labels
/// give independent streams, so each stratum and each department draws from its own.
/// </summary>
/// <remarks>
/// Where the platform has it, the keystream comes from the operating system's ChaCha20-Poly1305 (OpenSSL, SIMD;
/// about 25 times BouncyCastle's portable ChaCha20 here): encrypting zeros under that AEAD yields exactly blocks
/// 1, 2, … of the keystream (RFC 8439 §2.8 starts its counter at 1), block 0 comes from BouncyCastle. The AEAD
/// cannot resume at a later block, so the buffer holds the stream from its start and doubles when used up; past
/// <see cref="DefaultBufferLimit"/> bytes (or without the AEAD) BouncyCastle continues the same keystream.
/// </remarks>
public sealed class DrawRandom : IDisposable
{
    /// <summary>Seed length in bytes (256 bits).</summary>
    public const int SeedLength = 32;

    /// <summary>Largest keystream buffer kept from the start of the stream before switching to BouncyCastle.</summary>
    internal const int DefaultBufferLimit = 64 << 20;

    private const int BlockLength = 64;
    private const int FirstBufferLength = 4096;

    private readonly byte[] _key;
    private readonly ChaCha20Poly1305? _aead;
    private readonly int _bufferLimit;
    private ChaCha7539Engine? _portable;
    private byte[] _buffer = [];
    private bool _pooled;
    private int _length;
    private int _offset;

    /// <param name="seed">The revealed 32-byte seed.</param>
    /// <param name="label">The stream's name, for example <c>targets/A</c>.</param>
    /// <param name="expectedOutputs">How many 64-bit numbers the caller expects to read, if known: the first buffer is sized for them.</param>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public DrawRandom(ReadOnlySpan<byte> seed, string label, long expectedOutputs = 0)
        : this(seed, label, expectedOutputs, DefaultBufferLimit, useAead: true)
    {
    }

    /// <summary>For tests: a small <paramref name="bufferLimit"/> or no AEAD exercise every path of the same stream.</summary>
    internal DrawRandom(ReadOnlySpan<byte> seed, string label, long expectedOutputs, int bufferLimit, bool useAead)
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
        _key = SHA256.HashData(material);
        _bufferLimit = Math.Max(FirstBufferLength, bufferLimit - (bufferLimit % BlockLength));
        if (useAead && ChaCha20Poly1305.IsSupported)
        {
            _aead = new ChaCha20Poly1305(_key);
            var wanted = Math.Clamp((expectedOutputs * 8) + BlockLength, FirstBufferLength, _bufferLimit);
            Grow((int)(wanted + BlockLength - 1) / BlockLength * BlockLength);
        }
    }

    /// <summary>The next 64 bits of the stream, big-endian.</summary>
    public ulong NextUInt64()
    {
        if (_offset + 8 > _length)
        {
            Refill();
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
        while (true)
        {
            var value = NextUInt64();

            // The largest multiple of bound is at least 2^64 - bound + 1, so a value up to 2^64 - bound is always
            // accepted; only the few above it need the exact limit (one division saved on nearly every call).
            if (value <= ulong.MaxValue - bound + 1 || value <= ulong.MaxValue - (((ulong.MaxValue % bound) + 1) % bound))
            {
                return value % bound;
            }
        }
    }

    public void Dispose()
    {
        _aead?.Dispose();
        _portable?.Reset();
        ReturnBuffer();
    }

    private void ReturnBuffer()
    {
        if (_pooled)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _pooled = false;
        }

        _buffer = [];
    }

    private void Refill()
    {
        if (_portable is null && _aead is not null && _length < _bufferLimit)
        {
            Grow((int)Math.Min((long)_length * 2, _bufferLimit));
            return;
        }

        if (_portable is null)
        {
            // Continue the same keystream where the buffer ends (or from block 0 without the AEAD).
            _portable = new ChaCha7539Engine();
            _portable.Init(true, new ParametersWithIV(new KeyParameter(_key), new byte[12]));
            var skip = new byte[FirstBufferLength];
            for (var skipped = 0; skipped < _length; skipped += FirstBufferLength)
            {
                _portable.ProcessBytes(skip, 0, Math.Min(FirstBufferLength, _length - skipped), skip, 0);
                Array.Clear(skip);
            }

            ReturnBuffer();
            _buffer = new byte[FirstBufferLength];
            _length = FirstBufferLength;
        }

        // Encrypting zeros yields the keystream itself.
        Array.Clear(_buffer);
        _portable.ProcessBytes(_buffer, 0, FirstBufferLength, _buffer, 0);
        _offset = 0;
    }

    /// <summary>Regenerates the keystream from block 0 into a buffer of <paramref name="length"/> bytes; what was read stays read.</summary>
    /// <remarks>
    /// The buffer is pooled and the zeros shared: fresh megabytes on every draw would cost a page fault per 4 KiB,
    /// which on a virtual machine can take longer than computing the keystream.
    /// </remarks>
    private void Grow(int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        if (_length >= BlockLength)
        {
            _buffer.AsSpan(0, BlockLength).CopyTo(buffer);
        }
        else
        {
            var block0 = new ChaCha7539Engine();
            block0.Init(true, new ParametersWithIV(new KeyParameter(_key), new byte[12]));
            Array.Clear(buffer, 0, BlockLength);
            block0.ProcessBytes(buffer, 0, BlockLength, buffer, 0);
        }

        Span<byte> tag = stackalloc byte[16];
        _aead!.Encrypt(stackalloc byte[12], Zeros(length - BlockLength), buffer.AsSpan(BlockLength, length - BlockLength), tag);
        ReturnBuffer();
        _buffer = buffer;
        _pooled = true;
        _length = length;
    }

    private static byte[] _zeros = new byte[FirstBufferLength];

    /// <summary>At least <paramref name="length"/> zero bytes, shared read-only between streams.</summary>
    private static ReadOnlySpan<byte> Zeros(int length)
    {
        var zeros = Volatile.Read(ref _zeros);
        if (zeros.Length < length)
        {
            zeros = new byte[Math.Max(length, zeros.Length * 2)];
            Volatile.Write(ref _zeros, zeros);
        }

        return zeros.AsSpan(0, length);
    }
}
