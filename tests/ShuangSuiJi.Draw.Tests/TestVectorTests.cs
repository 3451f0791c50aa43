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
    public void EligibleHash_OfTheFiveCodes_MatchesTheSpecification()
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(string.Concat(Codes.Select(c => c + "\n")))));

        Assert.Equal("f24aea0134b94a5fa8d35f59654a67af5ea493e78c0f6f6ba113692b58e22e3f", hash);
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
