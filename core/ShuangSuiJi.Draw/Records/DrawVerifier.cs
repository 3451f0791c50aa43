using ShuangSuiJi.Draw.InspectorAssignment;
using ShuangSuiJi.Draw.Randomness;
using ShuangSuiJi.Draw.TargetDraw;

namespace ShuangSuiJi.Draw.Records;

/// <summary>
/// Re-derives a draw from its record alone and compares: the seed against its commitment, the eligible list
/// against its hash, every stratum's count against the rounding rule and the guard, the sampled targets, and
/// the assignment. Reports the first difference.
/// </summary>
public static class DrawVerifier
{
    /// <summary>The verdict: <see langword="null"/> difference means MATCH.</summary>
    public sealed record Verdict(string? FirstDifference)
    {
        public bool Match => FirstDifference is null;

        public override string ToString() => Match ? "MATCH" : $"MISMATCH: {FirstDifference}";
    }

    public static Verdict Verify(DrawRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new Verdict(FirstDifference(record));
    }

    private static string? FirstDifference(DrawRecord record)
    {
        if (!DrawAlgorithms.IsKnown(record.Algorithm))
        {
            return $"algorithm is {record.Algorithm ?? "missing"}; this verifier implements {DrawAlgorithms.V1} and {DrawAlgorithms.V2}";
        }

        byte[] seed;
        try
        {
            seed = SeedCommitment.ParseSeed(record.Seed);
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }

        if (!SeedCommitment.Verify(seed, record.SeedCommitment, record.CommitmentAlgorithm))
        {
            return $"the seed does not match the commitment {record.SeedCommitment} ({record.CommitmentAlgorithm})";
        }

        foreach (var stratum in record.Strata)
        {
            for (var i = 1; i < stratum.Eligible.Count; i++)
            {
                if (string.CompareOrdinal(stratum.Eligible[i - 1], stratum.Eligible[i]) >= 0)
                {
                    return $"stratum {stratum.Stratum}'s eligible list is not in ascending order at position {i}: {stratum.Eligible[i - 1]} then {stratum.Eligible[i]}";
                }
            }
        }

        var all = record.Strata.SelectMany(s => s.Eligible).Order(StringComparer.Ordinal).ToList();
        for (var i = 1; i < all.Count; i++)
        {
            if (all[i] == all[i - 1])
            {
                return $"{all[i]} is eligible in two strata ({string.Join(" and ", record.Strata.Where(s => s.Eligible.Contains(all[i])).Select(s => s.Stratum))})";
            }
        }

        if (all.Count != record.EligibleCount)
        {
            return $"the strata list {all.Count} eligible targets; the record says {record.EligibleCount}";
        }

        string hash;
        try
        {
            hash = EligibleListHash.Of(all, record.Algorithm);
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }

        if (hash != record.EligibleHash)
        {
            return $"the eligible list hashes to {hash}; the record says {record.EligibleHash}";
        }

        var maxDisturbed = (int)decimal.Floor(record.InScopeA * (1 - record.Policy.UndisturbedShareA));
        var allowedA = Math.Max(0, maxDisturbed - record.DrawnThisYearA);
        var refused = false;
        var expected = new List<(string Code, Stratum Stratum)>();
        foreach (var stratum in record.Strata)
        {
            var ratio = record.Policy.RatioFor(stratum.Stratum.Grade());
            var byRatio = Strata.CountFor(stratum.Eligible.Count, ratio);
            if (stratum.Ratio != ratio || stratum.ByRatio != byRatio)
            {
                return $"stratum {stratum.Stratum}: {stratum.Eligible.Count} eligible at {ratio} gives {byRatio}; the record says {stratum.ByRatio} at {stratum.Ratio}";
            }

            var count = byRatio;
            if (stratum.Stratum == Stratum.A && byRatio > allowedA)
            {
                refused = record.Policy.Guard == GuardMode.Refuse;
                count = allowedA;
            }

            if (!refused)
            {
                var rows = TargetDrawEngine.Sample(Enumerable.Range(0, stratum.Eligible.Count).ToArray(), count, seed, stratum.Stratum.Label());
                expected.AddRange(rows.Select(r => (stratum.Eligible[r], stratum.Stratum)));
            }
        }

        if (refused != (record.Refusal is not null))
        {
            return refused ? "the guard refuses this draw, but the record shows targets drawn" : "the record says refused, but the guard allows the draw";
        }

        var random = record.Drawn.Where(d => !d.IsKey).ToList();
        for (var i = 0; i < Math.Max(expected.Count, random.Count); i++)
        {
            if (i >= random.Count)
            {
                return $"drawn target {i + 1} should be {expected[i].Code}; the record ends after {random.Count}";
            }

            if (i >= expected.Count)
            {
                return $"drawn target {i + 1} {random[i].CreditCode} is one too many: the draw gives {expected.Count}";
            }

            if (random[i].CreditCode != expected[i].Code || random[i].Stratum != expected[i].Stratum)
            {
                return $"drawn target {i + 1} is {random[i].CreditCode} ({random[i].Stratum}); re-drawing gives {expected[i].Code} ({expected[i].Stratum})";
            }
        }

        var keyCodes = record.KeyTargets.Select(k => k.CreditCode).ToHashSet(StringComparer.Ordinal);
        if (record.Drawn.FirstOrDefault(d => d.IsKey && !keyCodes.Contains(d.CreditCode)) is { } stray)
        {
            return $"{stray.CreditCode} is marked a key target but no key target names it";
        }

        if (all.FirstOrDefault(keyCodes.Contains) is { } both)
        {
            return $"key target {both} is also in the random pool";
        }

        return record.Assignment is null ? null : AssignmentDifference(record, seed);
    }

    private static string? AssignmentDifference(DrawRecord record, byte[] seed)
    {
        var recorded = record.Assignment!; // Checked by the caller.
        var drawnCodes = record.Drawn.Select(d => d.CreditCode).Order(StringComparer.Ordinal).ToList();
        var assignedCodes = recorded.Targets.Select(t => t.CreditCode).Order(StringComparer.Ordinal).ToList();
        if (!drawnCodes.SequenceEqual(assignedCodes))
        {
            return "the assignment's targets are not the drawn targets";
        }

        var again = InspectorAssigner.Assign(recorded.ToRequest(record.TaskNumber), seed);
        var want = again.Assignments.Select(Describe).ToList();
        var got = recorded.Assignments.Select(Describe).ToList();
        for (var i = 0; i < Math.Max(want.Count, got.Count); i++)
        {
            var w = i < want.Count ? want[i] : "(nothing)";
            var g = i < got.Count ? got[i] : "(nothing)";
            if (w != g)
            {
                return $"assignment {i + 1} is {g}; re-assigning gives {w}";
            }
        }

        return null;
    }

    private static string Describe(Assignment a) => $"{a.CreditCode}/{a.DepartmentCode}: {string.Join(",", a.CertificateNumbers)}";
}
