using ShuangSuiJi.Draw.Randomness;
using ShuangSuiJi.Draw.Records;
using ShuangSuiJi.Draw.TargetDraw;

namespace ShuangSuiJi.Draw.Tests;

public sealed class DrawVerifierTests
{
    private static readonly DateTimeOffset At = new(2025, 5, 6, 9, 30, 0, TimeSpan.FromHours(8));

    private static DrawRecord Record(byte[] seed, GuardMode guard = GuardMode.Trim)
    {
        var request = new TargetDrawRequest
        {
            TaskNumber = "RW2025-360103-0042",
            Scope = new TargetScope { Regions = ["360103"] },
            Policy = new DrawPolicy { RatioA = 0.1m, RatioB = 0.2m, RatioC = 0.3m, RatioD = 0.5m, RatioUngraded = 0.2m, Guard = guard },
            KeyTargets = [new KeyTarget(Province.Targets.First(t => t.RegionCode == "360103" && t.IsDrawable).CreditCode, "投诉 TS-1")],
        };
        var settings = new DrawService.AssignmentSettings([Province.Roster("360103-SCJG"), Province.Roster("360103-WJW")], new DateOnly(2025, 5, 6), new DateOnly(2025, 10, 31));
        return DrawService.Run(Province.Directory, request, settings, seed, SeedCommitment.Commit(seed), CommitmentAlgorithm.Sha256, At);
    }

    [Fact]
    public void Verify_AnUntouchedRecord_Matches_AlsoAfterAJsonRoundTrip()
    {
        var record = Record(TestVectorTests.Seed);

        Assert.True(DrawVerifier.Verify(record).Match, DrawVerifier.Verify(record).ToString());
        Assert.True(DrawVerifier.Verify(DrawRecord.FromJson(record.ToJson())).Match);
        Assert.NotNull(record.Assignment);
        Assert.NotEmpty(record.Drawn);
    }

    [Fact]
    public void Verify_OneDrawnTargetSwapped_IsCaught()
    {
        var record = Record(TestVectorTests.Seed);
        var stratum = record.Strata.First(s => s.Drawn > 0 && s.Eligible.Count > s.Drawn);
        var index = record.Drawn.ToList().FindIndex(d => d.Stratum == stratum.Stratum && !d.IsKey);
        var substitute = stratum.Eligible.First(code => record.Drawn.All(d => d.CreditCode != code));
        var drawn = record.Drawn.ToList();
        drawn[index] = drawn[index] with { CreditCode = substitute };

        var verdict = DrawVerifier.Verify(record with { Drawn = drawn });

        Assert.False(verdict.Match);
        Assert.Contains($"is {substitute}", verdict.FirstDifference, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_EligibleListEdited_IsCaughtByItsHash()
    {
        var record = Record(TestVectorTests.Seed);
        var strata = record.Strata.ToList();
        strata[1] = strata[1] with { Eligible = strata[1].Eligible.Skip(1).ToList() };

        var verdict = DrawVerifier.Verify(record with { Strata = strata, EligibleCount = record.EligibleCount - 1 });

        Assert.Contains("hashes to", verdict.FirstDifference, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SeedNotTheCommittedOne_IsCaught()
    {
        var record = Record(TestVectorTests.Seed);

        var verdict = DrawVerifier.Verify(record with { Seed = Convert.ToHexStringLower(Province.SeedFor(5)) });

        Assert.Contains("does not match the commitment", verdict.FirstDifference, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AssignmentEdited_IsCaught()
    {
        var record = Record(TestVectorTests.Seed);
        var assignments = record.Assignment!.Assignments.ToList();
        assignments[0] = assignments[0] with { CertificateNumbers = [.. assignments[0].CertificateNumbers.Reverse().Select(c => c + "X")] };

        var verdict = DrawVerifier.Verify(record with { Assignment = record.Assignment with { Assignments = assignments } });

        Assert.Contains("re-assigning gives", verdict.FirstDifference, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SeedNotMatchingCommitment_IsRefused() =>
        Assert.Throws<ArgumentException>(() => DrawService.Run(Province.Directory, new TargetDrawRequest { TaskNumber = "RW" }, null,
            TestVectorTests.Seed, SeedCommitment.Commit(Province.SeedFor(1)), CommitmentAlgorithm.Sha256, At));
}
