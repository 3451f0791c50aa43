using CsCheck;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Draw.InspectorAssignment;

namespace ShuangSuiJi.Draw.Tests;

public sealed class InspectorAssignerTests
{
    private static readonly DateOnly Start = new(2025, 5, 1), End = new(2025, 10, 31);

    private static RosterInspector Inspector(string department, int n, string region = "360103", params string[] recusal) => new()
    {
        CertificateNumber = $"赣{region}{n:00000}",
        DepartmentCode = department,
        RegionCode = region,
        Status = InspectorStatus.OnDuty,
        CertificateValidFrom = new DateOnly(2020, 1, 1),
        CertificateValidTo = new DateOnly(2028, 1, 1),
        Expertise = ["药品零售"],
        RecusalScope = recusal,
    };

    private static AssignmentTarget[] Targets(int count, string region = "360103") =>
        [.. Province.Targets.Where(t => t.IsDrawable).Take(count).Select(t => new AssignmentTarget(t.CreditCode, region))];

    private static AssignmentRequest Request(IReadOnlyList<AssignmentTarget> targets, params AssignmentDepartment[] departments) => new()
    {
        TaskNumber = "RW2025-360103-0042",
        Targets = targets,
        Departments = departments,
        WindowStart = Start,
        WindowEnd = End,
    };

    /// <summary>Random instances: rosters of 2-12 inspectors, 1-30 targets, random recusals and statuses.</summary>
    private static readonly Gen<(AssignmentTarget[] Targets, RosterInspector[] Roster, int Seed)> Instances =
        Gen.Select(Gen.Int[1, 30], Gen.Int[2, 12], Gen.Int).SelectMany(tuple =>
        {
            var (targetCount, inspectorCount, seed) = tuple;
            var targets = Targets(targetCount);
            return Gen.Select(Gen.Int[0, targetCount - 1].Array[0, 4], Gen.Int[0, 9]).Array[inspectorCount].Select(specs =>
                (targets, specs.Select((spec, n) => Inspector("360103-SCJG", n + 1, recusal: [.. spec.Item1.Select(t => targets[t].CreditCode)]) with
                {
                    Status = spec.Item2 == 0 ? InspectorStatus.Transferred : InspectorStatus.OnDuty,
                }).ToArray(), seed));
        });

    [Fact]
    public void Assignment_NeverBreaksRecusal_AlwaysDistinctEligibleInspectors_AndUncoveredOnlyWhenTooFewFit() =>
        Instances.Sample(instance =>
        {
            var department = new AssignmentDepartment("360103-SCJG", instance.Roster, []);
            var result = InspectorAssigner.Assign(Request(instance.Targets, department), Province.SeedFor(instance.Seed));
            var byCert = instance.Roster.ToDictionary(i => i.CertificateNumber);
            foreach (var a in result.Assignments)
            {
                if (a.CertificateNumbers.Distinct().Count() != a.CertificateNumbers.Count)
                {
                    return false;
                }

                if (a.CertificateNumbers.Any(c => byCert[c].Status != InspectorStatus.OnDuty || byCert[c].RecusalScope.Contains(a.CreditCode)))
                {
                    return false;
                }
            }

            var covered = result.Assignments.Where(a => a.CertificateNumbers.Count >= 2).Select(a => a.CreditCode).ToHashSet();
            foreach (var target in instance.Targets.Where(t => !covered.Contains(t.CreditCode)))
            {
                // With the cap free to rise, a target is uncovered only when fewer than two on-duty inspectors may check it.
                var fitting = instance.Roster.Count(i => i.Status == InspectorStatus.OnDuty && !i.RecusalScope.Contains(target.CreditCode));
                if (fitting >= 2 || !result.Uncovered.Any(u => u.CreditCode == target.CreditCode && u.Reason.Contains($"only {fitting} eligible", StringComparison.Ordinal)))
                {
                    return false;
                }
            }

            return covered.Count + result.Uncovered.Count == instance.Targets.Length;
        }, iter: 300);

    [Fact]
    public void JointTask_EachDepartmentAssignsTwoOfItsOwn()
    {
        var targets = Targets(40);
        var market = new AssignmentDepartment("360103-SCJG", [.. Enumerable.Range(1, 10).Select(n => Inspector("360103-SCJG", n))], []);
        var health = new AssignmentDepartment("360103-WJW", [.. Enumerable.Range(1, 6).Select(n => Inspector("360103-WJW", 100 + n))], []);

        var result = InspectorAssigner.Assign(Request(targets, market, health), TestVectorTests.Seed);

        Assert.True(result.Complete);
        Assert.Equal(80, result.Assignments.Count);
        Assert.All(result.Assignments, a => Assert.Equal(2, a.CertificateNumbers.Count));
        Assert.All(result.Assignments.Where(a => a.DepartmentCode == "360103-WJW"), a => Assert.All(a.CertificateNumbers, c => Assert.StartsWith("赣3601030010", c, StringComparison.Ordinal)));
    }

    [Fact]
    public void Load_NoInspectorGetsMoreThanCeilingOfAverage_WhenTheRosterAllows()
    {
        var targets = Targets(95);
        var roster = new AssignmentDepartment("360103-SCJG", [.. Enumerable.Range(1, 20).Select(n => Inspector("360103-SCJG", n))], []);

        var result = InspectorAssigner.Assign(Request(targets, roster), TestVectorTests.Seed);

        var load = Assert.Single(result.Loads);
        Assert.Equal(10, load.Cap); // ceil(95 × 2 / 20)
        Assert.True(load.MaxAssigned <= 10);
        Assert.Null(load.Note);
        Assert.True(result.Complete);
    }

    [Fact]
    public void OnlyOneEligibleInspector_SaysSoForEachTarget()
    {
        var targets = Targets(3);
        var roster = new AssignmentDepartment("360103-WJW",
        [
            Inspector("360103-WJW", 1),
            Inspector("360103-WJW", 2) with { CertificateValidTo = new DateOnly(2025, 8, 1) },
            Inspector("360103-WJW", 3) with { Status = InspectorStatus.Retired },
        ], []);

        var result = InspectorAssigner.Assign(Request(targets, roster), TestVectorTests.Seed);

        Assert.Equal(3, result.Uncovered.Count);
        Assert.All(result.Uncovered, u => Assert.StartsWith("only 1 eligible inspector(s) in 360103-WJW", u.Reason, StringComparison.Ordinal));
        Assert.Contains(result.ExcludedInspectors, e => e.Reason.Contains("certificate valid only to 2025-08-01", StringComparison.Ordinal));
        Assert.Contains(result.ExcludedInspectors, e => e.Reason.Contains("Retired", StringComparison.Ordinal));
    }

    [Fact]
    public void Expertise_WhenThePlanAsksForIt_Filters()
    {
        var targets = Targets(4);
        var roster = new AssignmentDepartment("360103-SCJG",
        [
            .. Enumerable.Range(1, 3).Select(n => Inspector("360103-SCJG", n)),
            .. Enumerable.Range(4, 3).Select(n => Inspector("360103-SCJG", n) with { Expertise = ["计量器具"] }),
        ], ["计量器具"]);

        var result = InspectorAssigner.Assign(Request(targets, roster), TestVectorTests.Seed);

        Assert.True(result.Complete);
        Assert.All(result.Assignments.SelectMany(a => a.CertificateNumbers), c => Assert.True(string.CompareOrdinal(c, "赣36010300004") >= 0));
        Assert.Equal(3, result.ExcludedInspectors.Count);
    }

    [Fact]
    public void CrossRegion_UsesOnlyInspectorsFromAnotherCounty()
    {
        var targets = Targets(10, region: "360103");
        var roster = new AssignmentDepartment("360100-SCJG",
        [
            .. Enumerable.Range(1, 5).Select(n => Inspector("360100-SCJG", n, region: "360103")),
            .. Enumerable.Range(1, 5).Select(n => Inspector("360100-SCJG", n, region: "360104")),
        ], []);

        var result = InspectorAssigner.Assign(Request(targets, roster) with { CrossRegion = true }, TestVectorTests.Seed);

        Assert.True(result.Complete);
        Assert.All(result.Assignments.SelectMany(a => a.CertificateNumbers), c => Assert.StartsWith("赣360104", c, StringComparison.Ordinal));
    }

    [Fact]
    public void TightRecusal_IsSolvedExactly_WhereGreedyWouldStall()
    {
        // Three inspectors, three targets, two each: every inspector must take exactly two, and recusal leaves
        // exactly one valid assignment. Whatever the greedy pass does first, augmenting paths must find it.
        var targets = Targets(3);
        AssignmentDepartment Roster() => new("360103-SCJG",
        [
            Inspector("360103-SCJG", 1, recusal: targets[0].CreditCode),
            Inspector("360103-SCJG", 2, recusal: targets[1].CreditCode),
            Inspector("360103-SCJG", 3, recusal: targets[2].CreditCode),
        ], []);

        for (var seed = 0; seed < 50; seed++)
        {
            var result = InspectorAssigner.Assign(Request(targets, Roster()), Province.SeedFor(seed));

            Assert.True(result.Complete, string.Join("; ", result.Uncovered.Select(u => u.Reason)));
        }
    }

    /// <summary>
    /// What fairness holds (docs/draw-spec.md §6.4): with an unconstrained roster every inspector is equally likely
    /// to carry any given share. 20 slots over 7 inspectors means six carry 3 and one carries 2; over 1,400 fixed
    /// seeds each should be the lighter one about 200 times (chi-square, 6 degrees of freedom, below 22.46 = 0.1%).
    /// </summary>
    [Fact]
    public void UnconstrainedRoster_SharesAreEqualInDistribution()
    {
        var targets = Targets(10);
        var roster = new AssignmentDepartment("360103-SCJG", [.. Enumerable.Range(1, 7).Select(n => Inspector("360103-SCJG", n))], []);
        var lighter = new int[7];
        for (var seed = 0; seed < 1_400; seed++)
        {
            var result = InspectorAssigner.Assign(Request(targets, roster), Province.SeedFor(seed));
            var counts = result.Assignments.SelectMany(a => a.CertificateNumbers).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
            for (var n = 1; n <= 7; n++)
            {
                if (counts.GetValueOrDefault($"赣360103{n:00000}") == 2)
                {
                    lighter[n - 1]++;
                }
            }
        }

        var chiSquare = lighter.Sum(c => (c - 200.0) * (c - 200.0) / 200.0);
        Assert.Equal(1_400, lighter.Sum());
        Assert.True(chiSquare < 22.46, $"chi-square {chiSquare:F2}: {string.Join(",", lighter)}");
    }

    [Fact]
    public void GeneratedProvince_CountyRostersCoverTheirDraw()
    {
        var targets = Province.Targets.Where(t => t.RegionCode == "360103" && t.IsDrawable).Take(30).Select(t => new AssignmentTarget(t.CreditCode, t.RegionCode)).ToArray();

        var result = InspectorAssigner.Assign(Request(targets, Province.Roster("360103-SCJG"), Province.Roster("360103-WJW")), TestVectorTests.Seed);

        Assert.Equal(60, result.Assignments.Count);
        Assert.All(result.Loads, l => Assert.True(l.MaxAssigned <= Math.Ceiling(l.Average) + 1, $"{l.DepartmentCode}: {l.MaxAssigned} > ceil({l.Average}) + 1; {l.Note}"));
    }
}
