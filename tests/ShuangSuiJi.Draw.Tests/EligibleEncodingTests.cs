using System.Runtime.Intrinsics.X86;
using CsCheck;
using ShuangSuiJi.Draw.TargetDraw;

namespace ShuangSuiJi.Draw.Tests;

/// <summary>
/// The engine's two encoders of an eligible segment (docs/draw-spec.md §4.2) — the one-row-at-a-time loop and the
/// AVX-512 one that gathers eight rows at a time — write exactly the LEB128 deltas the specification defines, also where
/// they leave their fast paths: steps that do not fit in 4 bytes, deltas of 2^56 or more, carries into the high half,
/// high halves that jump, and the directory's last rows.
/// </summary>
public sealed class EligibleEncodingTests
{
    /// <summary>Gaps between consecutive codes' values, of every kind the encoders treat apart.</summary>
    private static readonly Gen<UInt128> Gap = Gen.Frequency(
        (60, Gen.ULong[1, 1UL << 20].Select(g => (UInt128)g)),
        (8, Gen.ULong[(1UL << 31) + 1, 1UL << 33].Select(g => (UInt128)g)),
        (4, Gen.ULong[(1UL << 55) - 8, (1UL << 57)].Select(g => (UInt128)g)),
        (4, Gen.ULong[1UL << 62, ulong.MaxValue].Select(g => (UInt128)g)),
        (1, Gen.ULong[1, 1UL << 12].Select(g => (UInt128)g << 64)));

    /// <summary>A directory's worth of rows: each row's class (0-4 eligible, 5-8 not) and its gap from the row before.</summary>
    private static readonly Gen<(UInt128 Start, (byte Class, UInt128 Gap)[] Rows)> Directories = Gen.Select(
        // Half the directories start just below a multiple of 2^64, so that small steps carry into the high half.
        Gen.Frequency((1, Gen.ULong), (1, Gen.ULong[ulong.MaxValue - (1UL << 26), ulong.MaxValue])).Select(low => (UInt128)low | ((UInt128)1 << 70)),
        Gen.Select(Gen.Byte[0, 8], Gap).Array[1, 400]);

    /// <summary>Directories longer than one batch of the wide encoder (2,048 values), so that batches follow batches.</summary>
    private static readonly Gen<(UInt128 Start, (byte Class, UInt128 Gap)[] Rows)> LongDirectories = Gen.Select(
        Gen.ULong.Select(low => (UInt128)low | ((UInt128)1 << 70)),
        Gen.Select(Gen.Byte[0, 8], Gap).Array[2_000, 7_000]);

    [Fact]
    public void BothEncoders_WriteTheSpecifiedDeltas_FromAnyEligibleRow()
    {
        Directories.Sample(directory =>
        {
            var (codes, keys, steps) = Columns(directory.Start, directory.Rows);
            for (var first = 0; first < steps.Length; first++)
            {
                if (codes[first] < 5)
                {
                    CheckFrom(codes, keys, steps, first);
                }
            }
        }, iter: 200);
    }

    [Fact]
    public void BothEncoders_WriteTheSpecifiedDeltas_AcrossBatches()
    {
        LongDirectories.Sample(directory =>
        {
            var (codes, keys, steps) = Columns(directory.Start, directory.Rows);
            var eligibleRows = Enumerable.Range(0, steps.Length).Where(row => codes[row] < 5).ToArray();
            foreach (var first in new[] { 0, eligibleRows.Length / 3, eligibleRows.Length - 1 }.Where(i => i >= 0).Distinct())
            {
                CheckFrom(codes, keys, steps, eligibleRows[first]);
            }
        }, iter: 20);
    }

    [Fact]
    public void BothEncoders_RefuseADirectoryOutOfOrder_EvenWhereTheDropWrapsToASmallDelta()
    {
        // The same high half, the second value 2^64 - 2 below the first: modulo 2^64 the "delta" would be 2.
        var high = (UInt128)1 << 70;
        UInt128[] values = [high + 5, high + ulong.MaxValue, high + 1, high + 9];
        var keys = values.Select(v => v << 5).ToArray();
        uint[] steps = [uint.MaxValue, .. values.Skip(1).Zip(values).Select(p => p.First > p.Second && p.First - p.Second < uint.MaxValue ? (uint)(p.First - p.Second) : uint.MaxValue)];
        var codes = new byte[values.Length + 100];

        Assert.Throws<InvalidOperationException>(() => Encode(TargetDrawEngine.EncodeSegment, codes, keys, steps, 0, 4));
        if (Avx512F.IsSupported && Bmi2.X64.IsSupported)
        {
            Assert.Throws<InvalidOperationException>(() => Encode(TargetDrawEngine.EncodeSegmentWide, codes, keys, steps, 0, 4));
        }
    }

    [Fact]
    public void FindEligible_FindsTheRowOfEachEligibleNumber_FromAnyRow()
    {
        Gen.Select(Gen.Byte[0, 8].Array[1, 700], Gen.Int[0, 699]).Sample((rows, start) =>
        {
            start %= rows.Length;
            var codes = Padded(rows);
            var eligibleRows = Enumerable.Range(start, rows.Length - start).Where(row => rows[row] < 5).ToArray();
            for (var skip = 0; skip < eligibleRows.Length; skip++)
            {
                Assert.Equal(eligibleRows[skip], TargetDrawEngine.FindEligible(codes, rows.Length, start, skip));
            }
        }, iter: 100);
    }

    /// <summary>Checks both encoders from <paramref name="first"/> for one, half and all of the eligible rows after it.</summary>
    private static void CheckFrom(byte[] codes, UInt128[] keys, uint[] steps, int first)
    {
        var eligibleAfter = codes.Take(steps.Length).Skip(first).Count(c => c < 5);
        foreach (var length in new[] { 1, (eligibleAfter + 1) / 2, eligibleAfter }.Distinct())
        {
            var expected = Reference(codes, keys, first, length);
            Assert.Equal(expected, Encode(TargetDrawEngine.EncodeSegment, codes, keys, steps, first, length));
            if (Avx512F.IsSupported && Bmi2.X64.IsSupported)
            {
                // Without AVX-512 the engine never calls it (and this machine could not run it).
                Assert.Equal(expected, Encode(TargetDrawEngine.EncodeSegmentWide, codes, keys, steps, first, length));
            }
        }
    }

    /// <summary>
    /// As the engine holds them: in a pooled array longer than the directory, whose slots past the last row hold
    /// whatever an earlier draw left (here: eligible codes, the worst case for a loop that reads too far).
    /// </summary>
    private static byte[] Padded(byte[] rows) => [.. rows, .. Enumerable.Repeat((byte)0, 100)];

    private delegate int Encoder(byte[] codes, UInt128[] keys, uint[] steps, int row, int length, byte[] buffer);

    private static byte[] Encode(Encoder encoder, byte[] codes, UInt128[] keys, uint[] steps, int first, int length)
    {
        var buffer = EligibleListHash.RentSegmentBuffer(length);
        var used = encoder(codes, keys, steps, first, length, buffer);
        return buffer[..used];
    }

    /// <summary>The columns a directory keeps: classes, keys (value &lt;&lt; 5) and the 4-byte steps (as TargetDirectory builds them).</summary>
    private static (byte[] Codes, UInt128[] Keys, uint[] Steps) Columns(UInt128 start, (byte Class, UInt128 Gap)[] rows)
    {
        var codes = new byte[rows.Length + 100]; // pooled in the engine: longer than the directory, eligible junk past it
        var keys = new UInt128[rows.Length];
        var steps = new uint[rows.Length];
        var value = start;
        for (var row = 0; row < rows.Length; row++)
        {
            value += row == 0 ? 0 : rows[row].Gap;
            codes[row] = rows[row].Class;
            keys[row] = value << 5;
            var step = row == 0 ? UInt128.MaxValue : rows[row].Gap;
            steps[row] = step < uint.MaxValue ? (uint)step : uint.MaxValue;
        }

        return (codes, keys, steps);
    }

    /// <summary>The specification, plainly: each eligible value's delta from the one before (the first from 0), LEB128.</summary>
    private static byte[] Reference(byte[] codes, UInt128[] keys, int first, int length)
    {
        var bytes = new List<byte>();
        UInt128 previous = 0;
        for (var row = first; length > 0; row++)
        {
            if (codes[row] >= 5)
            {
                continue;
            }

            var value = keys[row] >> 5;
            for (var delta = value - previous; ; delta >>= 7)
            {
                if (delta < 0x80)
                {
                    bytes.Add((byte)delta);
                    break;
                }

                bytes.Add((byte)((byte)delta | 0x80));
            }

            previous = value;
            length--;
        }

        return [.. bytes];
    }
}
