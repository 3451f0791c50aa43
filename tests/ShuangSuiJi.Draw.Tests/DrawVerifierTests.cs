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

/// <summary>The two published algorithm versions: new draws are <c>SSJ-DRAW-2</c>, records of either still verify.</summary>
public sealed class AlgorithmVersionTests
{
    private static readonly Lazy<TargetDirectory> Large = new(() =>
        TargetDirectory.Build(new Generation.ProvinceGenerator(new Generation.GeneratorOptions { TargetCount = 300_000, Seed = 5 }).Targets()));

    /// <summary>
    /// Over several segments of 65,536 codes, in the plain pass and in the scoped one with earlier A draws and key
    /// targets: the engine's hash from packed keys equals the reference over the codes as text, and each stratum,
    /// gathered sixteen rows at a time, is exactly the rows the rules make eligible, in order.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EngineHash_OverManySegments_EqualsTheReferenceOverTheCodes(bool restricted)
    {
        var directory = Large.Value;
        var codes = Enumerable.Range(0, directory.Count).Select(directory.CreditCodeAt).ToList();
        var drawable = (int row) => directory.StatusAt(row) is Core.Kinds.RegistrationStatus.Existing or Core.Kinds.RegistrationStatus.Suspended;
        var earlier = restricted
            ? codes.Where((_, row) => row % 97 == 0 && directory.GradeAt(row) == Core.Kinds.RiskGrade.A).ToHashSet(StringComparer.Ordinal)
            : [];
        var keyRow = Enumerable.Range(1234, 1000).First(row => drawable(row) && !earlier.Contains(codes[row]));
        var request = new TargetDrawRequest
        {
            TaskNumber = "RW2025-360000-0001",
            Policy = DrawPolicy.Uniform(0.05m) with { UndisturbedShareA = 0 },

            // The province's own code: every row is in scope, but through the scoped pass.
            Scope = restricted ? new TargetScope { Regions = ["360000"] } : new TargetScope(),
            DrawnThisYearA = earlier,
            KeyTargets = restricted ? [new KeyTarget(codes[keyRow], "举报")] : [],
        };

        var result = new TargetDrawEngine(directory).Draw(request, TestVectorTests.Seed);

        var eligible = result.EligibleByStratum.Values.SelectMany(list => list).Order(StringComparer.Ordinal).ToList();
        Assert.True(eligible.Count > 3 * EligibleListHash.SegmentLength, $"only {eligible.Count} eligible");
        Assert.Equal(EligibleListHash.Of(eligible, DrawAlgorithms.V2), result.EligibleHash);
        Assert.Equal(DrawAlgorithms.V2, result.Algorithm);
        Assert.Equal(restricted ? 1 : 0, result.Exclusions.KeyTargets);
        Assert.Equal(restricted ? earlier.Count(code => drawable(directory.IndexOf(code))) : 0, result.Exclusions.LowRiskDrawnThisYear);
        foreach (var stratum in Strata.All)
        {
            var expected = Enumerable.Range(0, directory.Count)
                .Where(row => drawable(row) && Strata.Of(directory.GradeAt(row)) == stratum && row != (restricted ? keyRow : -1) && !earlier.Contains(codes[row]))
                .Select(directory.CreditCodeAt);
            Assert.Equal(expected, result.EligibleByStratum[stratum]);
        }
    }

    [Fact]
    public void Verify_ARecordOfTheFirstVersion_StillMatches_AndItsHashIsChecked()
    {
        var record = Province.CountyDraw(3);
        var all = record.Strata.SelectMany(s => s.Eligible).Order(StringComparer.Ordinal).ToList();
        var first = record with { Algorithm = DrawAlgorithms.V1, EligibleHash = EligibleListHash.Of(all, DrawAlgorithms.V1) };

        Assert.Equal(DrawAlgorithms.V2, record.Algorithm);
        Assert.True(DrawVerifier.Verify(first).Match, DrawVerifier.Verify(first).ToString());
        Assert.Contains("hashes to", DrawVerifier.Verify(first with { EligibleHash = record.EligibleHash }).FirstDifference, StringComparison.Ordinal);
        Assert.Contains("SSJ-DRAW-1 and SSJ-DRAW-2", DrawVerifier.Verify(record with { Algorithm = "SSJ-DRAW-9" }).FirstDifference, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnInvalidCodeInTheEligibleList_IsNamed()
    {
        var record = Province.CountyDraw(4);
        var strata = record.Strata.ToList();
        var index = strata.FindIndex(s => s.Eligible.Count > 0);
        var eligible = strata[index].Eligible.ToList();
        var code = eligible[^1];
        var wrong = code[..17] + (code[17] == '0' ? '1' : '0');
        eligible[^1] = wrong;
        strata[index] = strata[index] with { Eligible = eligible };

        var verdict = DrawVerifier.Verify(record with { Strata = strata });

        Assert.Contains($"{wrong} is not a valid credit code", verdict.FirstDifference, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_RefusesACodeWithAWrongCheckCharacter()
    {
        var target = Province.Targets[0];
        var code = target.CreditCode[..17] + (target.CreditCode[17] == '0' ? '1' : '0');

        var error = Assert.Throws<ArgumentException>(() => TargetDirectory.Build([target with { CreditCode = code }]));

        Assert.Contains($"{code} has a wrong check character", error.Message, StringComparison.Ordinal);
    }
}

public sealed class VerifierInputTests
{
    [Fact]
    public void Verify_ACodeEligibleInTwoStrata_IsNamed()
    {
        var record = Province.CountyDraw(6);
        var strata = record.Strata.ToList();
        var from = strata.FindIndex(s => s.Stratum == Stratum.A);
        var to = strata.FindIndex(s => s.Stratum == Stratum.B);
        var code = strata[from].Eligible[0];
        strata[to] = strata[to] with { Eligible = [.. strata[to].Eligible.Append(code).Order(StringComparer.Ordinal)] };

        var verdict = DrawVerifier.Verify(record with { Strata = strata, EligibleCount = record.EligibleCount + 1 });

        Assert.Equal($"{code} is eligible in two strata (A and B)", verdict.FirstDifference);
    }

    [Fact]
    public void EligibleHash_OfAListWithSeveralBadCodes_NamesTheFirstEveryTime()
    {
        // Eight variants of each of the province's codes (the county's last digit changed): more than two segments.
        var codes = Enumerable.Range(0, Province.Directory.Count).Select(Province.Directory.CreditCodeAt).ToList();
        var many = Enumerable.Range(0, 8).SelectMany(copy => codes.Select(c => c[..2] + (char)('0' + copy) + c[3..17])).Distinct().Order(StringComparer.Ordinal)
            .Select(first17 => first17 + Core.Codes.Uscc.ComputeCheckCharacter(first17)).ToList();
        Assert.True(many.Count > 2 * EligibleListHash.SegmentLength, $"only {many.Count} codes");
        var late = many.Count - 10;
        var early = EligibleListHash.SegmentLength + 5;
        many[late] = many[late][..17] + (many[late][17] == '0' ? '1' : '0');
        many[early] = many[early][..17] + (many[early][17] == '0' ? '1' : '0');

        for (var run = 0; run < 5; run++)
        {
            var error = Assert.Throws<ArgumentException>(() => EligibleListHash.Of(many, DrawAlgorithms.V2));
            Assert.StartsWith($"eligible code {early + 1} {many[early]} ", error.Message, StringComparison.Ordinal);
        }
    }
}
