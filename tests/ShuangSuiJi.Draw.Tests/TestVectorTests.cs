using ShuangSuiJi.Draw.Randomness;
using ShuangSuiJi.Draw.TargetDraw;

namespace ShuangSuiJi.Draw.Tests;

/// <summary>The test vectors of docs/draw-spec.md §8, also produced by docs/draw-reference.py.</summary>
public sealed class TestVectorTests
{
    internal static readonly byte[] Seed = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    internal static readonly string[] Codes =
        ["11360000014500283D", "91350100M000100Y43", "91360102MA35K7QW13", "91360103MA38B2LM2C", "92360111MA3ABCDE17"];

    [Fact]
    public void Stream_FirstFourOutputs_MatchTheSpecification()
    {
        var random = new DrawRandom(Seed, "targets/B");

        var outputs = Enumerable.Range(0, 4).Select(_ => random.NextUInt64().ToString("x16", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(["842417bc2a0ff5a6", "cd77cad25c89b106", "b90c11ce959b72ef", "37e5abf17413f6dc"], outputs);
    }

    [Fact]
    public void Sample_ThreeOfFive_MatchesTheSpecification()
    {
        var rows = TargetDrawEngine.Sample(Enumerable.Range(0, Codes.Length).ToArray(), 3, Seed, "targets/B");

        Assert.Equal(["91360102MA35K7QW13", "91360103MA38B2LM2C", "11360000014500283D"], rows.Select(r => Codes[r]));
    }

    [Fact]
    public void EligibleHash_OfTheFiveCodes_MatchesTheSpecification_InBothVersions()
    {
        Assert.Equal("f24aea0134b94a5fa8d35f59654a67af5ea493e78c0f6f6ba113692b58e22e3f", EligibleListHash.Of(Codes, DrawAlgorithms.V1));
        Assert.Equal("95e79a9c3aec713e5d955be1f1a19c96a78cabc2e5b029df98058a4b1e17986a", EligibleListHash.Of(Codes, DrawAlgorithms.V2));
        Assert.Equal("af5570f5a1810b7af78caf4bc70a660f0df51e42baf91d4de5b2328de0e83dfc", EligibleListHash.Of([], DrawAlgorithms.V2));
    }

    [Fact]
    public void EligibleHashV2_RefusesAnInvalidCodeOrARepeat_NamingIt()
    {
        var wrongCheck = Assert.Throws<ArgumentException>(() => EligibleListHash.Of([Codes[0], "91350100M000100Y44"], DrawAlgorithms.V2));
        Assert.Contains("eligible code 2 91350100M000100Y44", wrongCheck.Message, StringComparison.Ordinal);

        var repeat = Assert.Throws<ArgumentException>(() => EligibleListHash.Of([Codes[1], Codes[1]], DrawAlgorithms.V2));
        Assert.Contains("eligible code 2 is not above", repeat.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commitment_OfTheVectorSeed_IsItsSha256AndSm3()
    {
        Assert.Equal("630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd", SeedCommitment.Commit(Seed));
        Assert.Equal(64, SeedCommitment.Commit(Seed, CommitmentAlgorithm.Sm3).Length);
        Assert.True(SeedCommitment.Verify(Seed, SeedCommitment.Commit(Seed, CommitmentAlgorithm.Sm3), CommitmentAlgorithm.Sm3));
    }

    [Theory]
    [InlineData(0, "0.05", 0)]
    [InlineData(10, "0", 0)]
    [InlineData(10, "0.05", 1)]
    [InlineData(30, "0.05", 2)]
    [InlineData(50, "0.05", 3)]
    [InlineData(49, "0.05", 2)]
    [InlineData(7, "1", 7)]
    [InlineData(7, "0.999", 7)]
    public void CountFor_RoundsHalfUpAtLeastOne(int size, string ratio, int expected) =>
        Assert.Equal(expected, Strata.CountFor(size, decimal.Parse(ratio, System.Globalization.CultureInfo.InvariantCulture)));
}

public sealed class StreamPathTests
{
    /// <summary>
    /// The stream from the platform's ChaCha20-Poly1305 (block 0 from BouncyCastle, the buffer doubling, then
    /// BouncyCastle past the buffer limit) is the one keystream of the specification, number for number.
    /// </summary>
    [Theory]
    [InlineData(0, 64 << 20)]
    [InlineData(10, 4096)]
    [InlineData(5_000, 20_000)]
    [InlineData(0, 20_000)]
    public void Stream_EveryBufferPath_EqualsThePortableChaCha20(long expected, int bufferLimit)
    {
        // Without the platform's AEAD both streams would be BouncyCastle's and this could not fail.
        Assert.True(System.Security.Cryptography.ChaCha20Poly1305.IsSupported, "ChaCha20-Poly1305 is not available here");

        using var portable = new DrawRandom(TestVectorTests.Seed, "assign/360103-SCJG", 0, bufferLimit, useAead: false);
        using var fast = new DrawRandom(TestVectorTests.Seed, "assign/360103-SCJG", expected, bufferLimit, useAead: true);

        for (var i = 0; i < 30_000; i++)
        {
            var (want, got) = (portable.NextUInt64(), fast.NextUInt64());
            Assert.True(want == got, $"number {i}: {want:x16} expected, {got:x16} read");
        }
    }

    [Fact]
    public void NextBelow_NearTheTopOfTheRange_StillRejectsExactlyAsSpecified()
    {
        // With a bound just over 2^63 nearly half the values are rejected: the fast acceptance test must not take them.
        const ulong bound = (1UL << 63) + 12345;
        using var random = new DrawRandom(TestVectorTests.Seed, "targets/D");
        using var reference = new DrawRandom(TestVectorTests.Seed, "targets/D", 0, 64 << 20, useAead: false);
        var remainder = ((ulong.MaxValue % bound) + 1) % bound; // 2^64 mod bound
        for (var i = 0; i < 2_000; i++)
        {
            ulong value;
            do
            {
                value = reference.NextUInt64();
            }
            while (value > ulong.MaxValue - remainder); // the spec: accept below 2^64 - (2^64 mod bound)

            Assert.Equal(value % bound, random.NextBelow(bound));
        }
    }
}

public sealed class SamplePathTests
{
    /// <summary>The sparse (map) and dense (array) paths of the shuffle are one algorithm: both must agree with the plain one.</summary>
    [Theory]
    [InlineData(5_000, 50)]
    [InlineData(5_000, 1_000)]
    [InlineData(64, 1)]
    public void Sample_EitherPath_EqualsThePlainPartialFisherYates(int n, int k)
    {
        var random = new Randomness.DrawRandom(TestVectorTests.Seed, "targets/C");
        var position = Enumerable.Range(0, n).ToArray();
        var expected = new List<int>();
        for (var i = 0; i < k; i++)
        {
            var j = i + (int)random.NextBelow((ulong)(n - i));
            (position[i], position[j]) = (position[j], position[i]);
            expected.Add(position[i]);
        }

        Assert.Equal(expected, TargetDraw.TargetDrawEngine.Sample(Enumerable.Range(0, n).ToArray(), k, TestVectorTests.Seed, "targets/C"));
    }
}
