using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>
/// The eligible list's hash (docs/draw-spec.md §4.2), in both published versions:
/// <list type="bullet">
/// <item><c>SSJ-DRAW-1</c>: SHA-256 over every code and a newline, in canonical order.</item>
/// <item><c>SSJ-DRAW-2</c>: the list cut into segments of <see cref="SegmentLength"/> codes; each segment is the
/// LEB128 encoding of its codes' values (the first 17 characters read as base-32 digits of the alphabet, the check
/// character left out as the others determine it), the first as is and each next as the difference to the one
/// before; SHA-256 of each segment; the hash is SHA-256 of the count (8 bytes, big-endian) and the segment digests.
/// It reads about 3 bytes a code instead of 19, and its segments hash on every core.</item>
/// </list>
/// </summary>
public static class EligibleListHash
{
    /// <summary>Codes per segment in <c>SSJ-DRAW-2</c>.</summary>
    public const int SegmentLength = 65_536;

    /// <summary>The longest LEB128 encoding of an 85-bit value.</summary>
    private const int MaxEncodedLength = 13;

    /// <summary>Hashes a list of codes in canonical order the way <paramref name="algorithm"/> specifies.</summary>
    /// <exception cref="ArgumentException">The algorithm is unknown, or (<c>SSJ-DRAW-2</c>) a code is invalid or the list is not strictly ascending.</exception>
    public static string Of(IReadOnlyList<string> canonicalCodes, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(canonicalCodes);
        return algorithm switch
        {
            DrawAlgorithms.V1 => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Concat(canonicalCodes.Select(c => c + "\n"))))),
            DrawAlgorithms.V2 => OfValues(canonicalCodes.Count, index =>
            {
                var code = canonicalCodes[index];
                var check = Uscc.Check(code);
                return check.IsValid
                    ? CreditCodeKey.Pack(code) >> 5
                    : throw new ArgumentException($"eligible code {index + 1} {code} is not a valid credit code: {check.Reason}");
            }),
            _ => throw new ArgumentException($"Unknown draw algorithm '{algorithm}'; known: {DrawAlgorithms.V1}, {DrawAlgorithms.V2}.", nameof(algorithm)),
        };
    }

    /// <summary>
    /// <c>SSJ-DRAW-2</c> over <paramref name="count"/> values given by index, strictly ascending (checked within each
    /// segment by its writer, and across each segment's start against the value before it). Segments are hashed in
    /// parallel.
    /// </summary>
    internal static string OfValues(int count, Func<int, UInt128> valueAt) =>
        Combine(count, segment =>
        {
            var from = segment * SegmentLength;
            var to = Math.Min(count, from + SegmentLength);
            if (from > 0 && valueAt(from) <= valueAt(from - 1))
            {
                throw new ArgumentException($"eligible code {from + 1} is not above the one before it: the list must be strictly ascending and hold valid codes only.");
            }

            var writer = new SegmentWriter(to - from);
            try
            {
                for (var i = from; i < to; i++)
                {
                    writer.Add(valueAt(i), i);
                }

                return writer.Digest();
            }
            finally
            {
                writer.Dispose();
            }
        });

    /// <summary>Digests every segment (in parallel) and combines them: SHA-256(count ‖ D_1 ‖ … ‖ D_m).</summary>
    internal static string Combine(int count, Func<int, byte[]> segmentDigest)
    {
        var segments = (count + SegmentLength - 1) / SegmentLength;
        var digests = new byte[segments][];
        try
        {
            Parallel.For(0, segments, s => digests[s] = segmentDigest(s));
        }
        catch (AggregateException)
        {
            // A loop stops starting segments after a failure, so which one failed first depends on scheduling. Find
            // the first failing segment in list order, one after another, and throw its own error: the same message
            // on every run, for the first bad code.
            for (var s = 0; s < segments; s++)
            {
                digests[s] = segmentDigest(s);
            }

            throw;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)count);
        hash.AppendData(length);
        foreach (var digest in digests)
        {
            hash.AppendData(digest);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A buffer for one segment: the longest encoding of each value and 8 bytes of slack (see <see cref="Leb128(ulong, byte[], int)"/>).</summary>
    internal static byte[] RentSegmentBuffer(int values) => ArrayPool<byte>.Shared.Rent((Math.Max(1, values) * MaxEncodedLength) + 8);

    /// <summary>
    /// Writes <paramref name="value"/> as unsigned LEB128 at <paramref name="used"/> and returns the new end. Below 2^56
    /// with BMI2 it is branch-free (the 7-bit groups deposited into bytes, the continuation bit on all but the last),
    /// storing a whole 64-bit word: the buffer needs 8 bytes of slack.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Leb128(ulong value, byte[] buffer, int used)
    {
        if (Bmi2.X64.IsSupported && value < (1UL << 56))
        {
            return used + Leb128Word(value, buffer, used);
        }

        while (value >= 0x80)
        {
            buffer[used++] = (byte)((byte)value | 0x80);
            value >>= 7;
        }

        buffer[used++] = (byte)value;
        return used;
    }

    /// <summary>
    /// The branch-free LEB128 of a value below 2^56 (BMI2 only): its 7-bit groups deposited into bytes with
    /// <c>pdep</c>, the continuation bit on all but the last, stored as one 64-bit word at <paramref name="at"/> (so
    /// the buffer needs 8 bytes of slack). Returns the encoding's length, (bits + 6) / 7 computed as a multiplication
    /// (exact for every 64-bit value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Leb128Word(ulong value, byte[] buffer, int at)
    {
        var length = (int)(((uint)(70 - BitOperations.LeadingZeroCount(value | 1)) * 37) >> 8);
        Unsafe.WriteUnaligned(
            ref buffer[at],
            Bmi2.X64.ParallelBitDeposit(value, 0x7F7F7F7F7F7F7F7FUL) | Bmi2.X64.ZeroHighBits(0x8080808080808080UL, (ulong)((8 * length) - 8)));
        return length;
    }

    /// <summary>Writes a value of any size (up to 128 bits) as unsigned LEB128 at <paramref name="used"/>; returns the new end.</summary>
    internal static int Leb128(UInt128 value, byte[] buffer, int used)
    {
        while (value >= 0x80)
        {
            buffer[used++] = (byte)((byte)value | 0x80);
            value >>= 7;
        }

        buffer[used++] = (byte)value;
        return used;
    }

    /// <summary>Encodes one segment's values as LEB128 deltas into a pooled buffer and digests it.</summary>
    internal struct SegmentWriter : IDisposable
    {
        private byte[] _buffer;
        private int _used;
        private ulong _previousHigh;
        private ulong _previousLow;

        public SegmentWriter(int capacity)
        {
            _buffer = RentSegmentBuffer(capacity);
        }

        /// <summary>Appends the next value; <paramref name="position"/> only names it in an error.</summary>
        /// <exception cref="ArgumentException">The value is not above the previous one (a repeated or unordered code).</exception>
        public void Add(UInt128 value, int position) => Add((ulong)(value >> 64), (ulong)value, position);

        /// <inheritdoc cref="Add(UInt128, int)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(ulong high, ulong low, int position)
        {
            if (high == _previousHigh && (low > _previousLow || _used == 0))
            {
                WriteLeb128(low - _previousLow);
            }
            else
            {
                AddSlow(high, low, position);
            }

            _previousHigh = high;
            _previousLow = low;
        }

        public readonly byte[] Digest() => SHA256.HashData(_buffer.AsSpan(0, _used));

        public void Dispose()
        {
            if (_buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null!;
            }
        }

        private void AddSlow(ulong high, ulong low, int position)
        {
            if (_used > 0 && (high < _previousHigh || (high == _previousHigh && low <= _previousLow)))
            {
                throw new ArgumentException($"eligible code {position + 1} is not above the one before it: the list must be strictly ascending and hold valid codes only.");
            }

            _used = Leb128(new UInt128(high, low) - new UInt128(_previousHigh, _previousLow), _buffer, _used);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void WriteLeb128(ulong value) => _used = Leb128(value, _buffer, _used);
    }
}

/// <summary>The draw algorithm versions this hub knows (docs/draw-spec.md); new draws use <see cref="Current"/>.</summary>
public static class DrawAlgorithms
{
    /// <summary>The first version: the eligible list hashed as ASCII lines.</summary>
    public const string V1 = "SSJ-DRAW-1";

    /// <summary>The eligible list hashed as segmented LEB128 deltas (docs/draw-spec.md §4.2); all else as <see cref="V1"/>.</summary>
    public const string V2 = "SSJ-DRAW-2";

    public const string Current = V2;

    public static bool IsKnown(string? algorithm) => algorithm is V1 or V2;
}
