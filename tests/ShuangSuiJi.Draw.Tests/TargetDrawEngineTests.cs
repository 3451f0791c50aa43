using CsCheck;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Draw.TargetDraw;

namespace ShuangSuiJi.Draw.Tests;

public sealed class TargetDrawEngineTests
{
    private static readonly TargetDrawEngine Engine = new(Province.Directory);

    private static readonly TargetScope Nanchang = new() { Regions = ["360100"] };

    private static TargetDrawRequest Request(TargetScope? scope = null, DrawPolicy? policy = null) => new()
    {
        TaskNumber = "RW2025-360100-0001",
        Scope = scope ?? Nanchang,
        Policy = policy ?? new DrawPolicy(),
    };

    [Fact]
    public void Draw_NeverPicksATargetOutsideScopeOrNotDrawableOrDrawnThisYear()
    {
        var drawnA = Province.Targets.Where(t => t.RiskGrade == RiskGrade.A && t.RegionCode.StartsWith("3601", StringComparison.Ordinal)).Take(40).Select(t => t.CreditCode).ToHashSet();
        Gen.Int.Sample(i =>
        {
            var request = Request(policy: DrawPolicy.Uniform(0.3m)) with { DrawnThisYearA = drawnA };
            var result = Engine.Draw(request, Province.SeedFor(i));
            return result.Drawn.All(d =>
            {
                var t = Province.ByCode[d.CreditCode];
                return t.RegionCode.StartsWith("3601", StringComparison.Ordinal) && t.IsDrawable && !drawnA.Contains(t.CreditCode) && d.Stratum == Strata.Of(t.RiskGrade);
            });
        }, iter: 30);
    }

    [Fact]
    public void Draw_StratumCounts_FollowTheRoundingRuleExactly()
    {
        var policy = new DrawPolicy { RatioA = 0.03m, RatioB = 0.05m, RatioC = 0.1m, RatioD = 0.2m, RatioUngraded = 0.05m };

        var result = Engine.Draw(Request(policy: policy), TestVectorTests.Seed);

        foreach (var report in result.Strata)
        {
            Assert.Equal(Strata.CountFor(report.Eligible, policy.RatioFor(report.Stratum.Grade())), report.Drawn);
            Assert.Equal(report.Drawn, result.Drawn.Count(d => d.Stratum == report.Stratum));
        }

        Assert.All(result.Drawn.Where(d => d.Stratum == Stratum.D), d => Assert.True(d.MustBeOnSite));
        Assert.Equal(result.EligibleCount, result.Strata.Sum(s => s.Eligible));
    }

    [Fact]
    public void Draw_SameSeed_SameResult_OtherSeed_Different()
    {
        var first = Engine.Draw(Request(), TestVectorTests.Seed);
        var again = Engine.Draw(Request(), TestVectorTests.Seed);
        var other = Engine.Draw(Request(), Province.SeedFor(1));

        Assert.Equal(first.Drawn, again.Drawn);
        Assert.Equal(first.EligibleHash, other.EligibleHash);
        Assert.NotEqual(first.Drawn, other.Drawn);
    }

    [Fact]
    public void Dispose_ReturnsTheListsToThePool_TheNextDrawsReuseThemCorrectly_AndTheDisposedResultRefusesToReadThem()
    {
        var expected = Engine.Draw(Request(), TestVectorTests.Seed);
        var expectedLists = expected.EligibleByStratum.ToDictionary(pair => pair.Key, pair => pair.Value.ToList());

        // Draws of other sizes in between, each disposed: their arrays come back and are rented again, dirty.
        foreach (var scope in new[] { new TargetScope(), new TargetScope { Regions = ["360100", "360200"] }, Nanchang })
        {
            var disposed = Engine.Draw(Request(scope), Province.SeedFor(7));
            var list = disposed.EligibleByStratum[Stratum.B];
            var hash = disposed.EligibleHash;
            disposed.Dispose();
            disposed.Dispose(); // a second dispose does nothing

            var error = Assert.Throws<ObjectDisposedException>(() => list[0]);
            Assert.Contains("disposed", error.Message, StringComparison.Ordinal);
            Assert.Throws<ObjectDisposedException>(() => list.ToList());
            Assert.Throws<ObjectDisposedException>(() => disposed.Drawn[0]);
            Assert.Equal(hash, disposed.EligibleHash); // the figures stay readable
            Assert.NotEmpty(disposed.Strata);
        }

        using var again = Engine.Draw(Request(), TestVectorTests.Seed);
        Assert.Equal(expected.EligibleHash, again.EligibleHash);
        Assert.Equal(expected.Drawn, again.Drawn);
        foreach (var (stratum, codes) in expectedLists)
        {
            Assert.Equal(codes, again.EligibleByStratum[stratum]);
        }
    }

    [Fact]
    public void Guard_WouldLeaveFewerThanHalfUndisturbed_TrimsWithTheFigures()
    {
        var inScopeA = Province.Targets.Where(t => t.RiskGrade == RiskGrade.A && t.IsDrawable && t.RegionCode.StartsWith("3601", StringComparison.Ordinal)).ToList();
        var alreadyDrawn = inScopeA.Take((inScopeA.Count / 2) - 3).Select(t => t.CreditCode).ToHashSet();

        var result = Engine.Draw(Request(policy: DrawPolicy.Uniform(0.2m)) with { DrawnThisYearA = alreadyDrawn }, TestVectorTests.Seed);

        var a = result.Strata.Single(s => s.Stratum == Stratum.A);
        Assert.Equal(inScopeA.Count, result.InScopeA);
        Assert.Equal(alreadyDrawn.Count, result.DrawnThisYearA);
        Assert.Equal((inScopeA.Count / 2) - alreadyDrawn.Count, a.Drawn);
        Assert.True(a.ByRatio > a.Drawn);
        Assert.Contains("无事不扰", a.Note, StringComparison.Ordinal);
        Assert.Contains($"{inScopeA.Count} low-risk targets in scope", a.Note, StringComparison.Ordinal);
        Assert.True(alreadyDrawn.Count + a.Drawn <= inScopeA.Count / 2);
    }

    [Fact]
    public void Guard_InRefuseMode_RefusesTheWholeDrawAndSaysWhy()
    {
        var result = Engine.Draw(Request(policy: DrawPolicy.Uniform(0.6m) with { Guard = GuardMode.Refuse }), TestVectorTests.Seed);

        Assert.True(result.Refused);
        Assert.Empty(result.Drawn);
        Assert.Contains("Draw refused", result.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AtLeastHalfOfLowRisk_StaysUndisturbed_OverRepeatedDrawsInAYear() =>
        Gen.Int[1, 8].Sample(draws =>
        {
            var drawnA = new HashSet<string>();
            for (var d = 0; d < draws; d++)
            {
                var result = Engine.Draw(Request(policy: DrawPolicy.Uniform(0.25m)) with { DrawnThisYearA = drawnA }, Province.SeedFor(d));
                foreach (var t in result.Drawn.Where(t => t.Stratum == Stratum.A))
                {
                    if (!drawnA.Add(t.CreditCode))
                    {
                        return false; // an A target drawn twice in the year
                    }
                }

                if (drawnA.Count > result.InScopeA / 2)
                {
                    return false;
                }
            }

            return true;
        }, iter: 10);

    [Fact]
    public void KeyTargets_AreAddedMarkedAndKeptOutOfTheRandomPool()
    {
        var key = Province.Targets.First(t => t.IsDrawable && t.RegionCode.StartsWith("3601", StringComparison.Ordinal));
        var dead = Province.Targets.First(t => t.Status == RegistrationStatus.Deregistered);
        var request = Request() with { KeyTargets = [new KeyTarget(key.CreditCode, "投诉举报 TS-2025-001"), new KeyTarget(dead.CreditCode, "线索")] };

        var result = Engine.Draw(request, TestVectorTests.Seed);

        var marked = Assert.Single(result.Drawn, d => d.IsKey);
        Assert.Equal(key.CreditCode, marked.CreditCode);
        Assert.Equal("投诉举报 TS-2025-001", marked.Reason);
        Assert.DoesNotContain(key.CreditCode, result.EligibleByStratum.Values.SelectMany(v => v));
        Assert.Contains(result.RejectedKeyTargets, r => r.StartsWith(dead.CreditCode, StringComparison.Ordinal) && r.Contains("Deregistered", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_SaysWhyATargetIsNotEligible()
    {
        var outside = Province.Targets.First(t => t.RegionCode.StartsWith("3607", StringComparison.Ordinal) && t.Status == RegistrationStatus.Revoked);
        var eligible = Province.Targets.First(t => t.RegionCode.StartsWith("3601", StringComparison.Ordinal) && t.IsDrawable);

        var reasons = Engine.Explain(outside.CreditCode, Request());

        Assert.Contains(reasons, r => r.Contains($"region {outside.RegionCode} is outside", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("Revoked", StringComparison.Ordinal));
        Assert.StartsWith("eligible", Assert.Single(Engine.Explain(eligible.CreditCode, Request())), StringComparison.Ordinal);
        Assert.Contains("not a valid credit code", Assert.Single(Engine.Explain("91360103MA38B2LM2D", Request())), StringComparison.Ordinal);
    }

    [Fact]
    public void Scope_ByTagIndustryAndEntityType_Restricts()
    {
        var scope = new TargetScope { Tags = ["药品零售企业"], Industries = ["F52"], EntityTypes = [EntityType.LimitedLiabilityCompany, EntityType.IndividualBusiness] };

        var result = Engine.Draw(Request(scope, DrawPolicy.Uniform(1m) with { UndisturbedShareA = 0m }), TestVectorTests.Seed);

        var expected = Province.Targets.Count(t => t.IsDrawable && t.Tags.Contains("药品零售企业") && t.IndustryCode.StartsWith("F52", StringComparison.Ordinal)
            && t.EntityType is EntityType.LimitedLiabilityCompany or EntityType.IndividualBusiness);
        Assert.Equal(expected, result.Drawn.Count);
        Assert.True(expected > 0);
    }

    /// <summary>
    /// Within a stratum every eligible target is equally likely. 4,000 draws of 5 from 20 with fixed seeds; the
    /// counts' chi-square (19 degrees of freedom) must stay below 43.82, the 0.1% critical value.
    /// </summary>
    [Fact]
    public void Sample_SelectionFrequency_IsUniformWithinAStratum()
    {
        const int n = 20, k = 5, draws = 4_000;
        var counts = new int[n];
        var rows = Enumerable.Range(0, n).ToArray();
        for (var d = 0; d < draws; d++)
        {
            foreach (var row in TargetDrawEngine.Sample(rows, k, Province.SeedFor(d), "targets/B"))
            {
                counts[row]++;
            }
        }

        var expected = draws * k / (double)n;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 43.82, $"chi-square {chiSquare:F2} with counts {string.Join(",", counts)}");
    }

    [Fact]
    public void NextBelow_IsUniformOverSmallBounds()
    {
        var random = new Randomness.DrawRandom(TestVectorTests.Seed, "uniformity");
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[random.NextBelow(7)]++;
        }

        var chiSquare = counts.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
        Assert.True(chiSquare < 22.46, $"chi-square {chiSquare:F2}"); // 6 degrees of freedom, 0.1%
    }
}
