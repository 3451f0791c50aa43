using System.Security.Cryptography;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Draw.Randomness;

namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>
/// Draws targets at random, verifiably (docs/draw-spec.md): filters the directory to the eligible pool in one pass,
/// splits it by risk grade, applies the plan's ratios and the 无事不扰 guard, samples each stratum with a partial
/// Fisher–Yates shuffle driven by <see cref="DrawRandom"/>, and adds key targets outside the random share.
/// </summary>
public sealed class TargetDrawEngine
{
    /// <summary>The algorithm version recorded with every draw.</summary>
    public const string Algorithm = "SSJ-DRAW-1";

    private readonly TargetDirectory _directory;

    public TargetDrawEngine(TargetDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _directory = directory;
    }

    /// <summary>Runs the draw.</summary>
    /// <param name="request">Task, scope, policy, this year's earlier A draws and key targets.</param>
    /// <param name="seed">The revealed 32-byte seed.</param>
    public TargetDrawResult Draw(TargetDrawRequest request, ReadOnlySpan<byte> seed)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pool = Classify(request);
        var policy = request.Policy;
        var reports = new List<StratumReport>();
        var drawn = new List<DrawnTarget>();
        string? refusal = null;

        var sizeA = pool.Eligible[(int)Stratum.A].Count;
        var byRatioA = Strata.CountFor(sizeA, policy.RatioA);
        var maxDisturbedA = (int)decimal.Floor(pool.InScopeA * (1 - policy.UndisturbedShareA));
        var allowedA = Math.Max(0, maxDisturbedA - pool.DrawnThisYearA);
        string? noteA = null;
        var countA = byRatioA;
        if (byRatioA > allowedA)
        {
            var figures = $"无事不扰: {pool.InScopeA} low-risk targets in scope, at most {maxDisturbedA} may be checked this year "
                + $"({(1 - policy.UndisturbedShareA):P0}), {pool.DrawnThisYearA} already were, so {allowedA} remain; the ratio asks for {byRatioA}";
            if (policy.Guard == GuardMode.Refuse)
            {
                refusal = figures + ". Draw refused.";
            }
            else
            {
                countA = allowedA;
                noteA = figures + $". Trimmed to {allowedA}.";
            }
        }

        foreach (var stratum in Strata.All)
        {
            var eligible = pool.Eligible[(int)stratum];
            var ratio = policy.RatioFor(stratum.Grade());
            var byRatio = Strata.CountFor(eligible.Count, ratio);
            var count = stratum == Stratum.A ? countA : byRatio;
            if (refusal is not null)
            {
                count = 0;
            }

            reports.Add(new StratumReport(stratum, eligible.Count, ratio, byRatio, count, stratum == Stratum.A ? noteA : null));
            foreach (var row in Sample(eligible, count, seed, stratum.Label()))
            {
                drawn.Add(new DrawnTarget(_directory.CreditCodeAt(row), stratum, IsKey: false, Reason: null, MustBeOnSite: stratum == Stratum.D));
            }
        }

        if (refusal is null)
        {
            foreach (var (row, key) in pool.Keys)
            {
                var stratum = Strata.Of(_directory.GradeAt(row));
                drawn.Add(new DrawnTarget(_directory.CreditCodeAt(row), stratum, IsKey: true, key.Reason, MustBeOnSite: stratum == Stratum.D));
            }
        }

        return new TargetDrawResult
        {
            TaskNumber = request.TaskNumber,
            Algorithm = Algorithm,
            Refusal = refusal,
            EligibleCount = pool.Eligible.Sum(e => e.Count),
            EligibleHash = pool.Hash,
            EligibleByStratum = Strata.All.ToDictionary(s => s, s => (IReadOnlyList<string>)new LazyCodes(_directory, pool.Eligible[(int)s])),
            Strata = reports,
            Drawn = refusal is null ? drawn : [],
            Exclusions = pool.Exclusions,
            InScopeA = pool.InScopeA,
            DrawnThisYearA = pool.DrawnThisYearA,
            RejectedKeyTargets = pool.RejectedKeys,
        };
    }

    /// <summary>
    /// Samples <paramref name="count"/> of the rows, in selection order: a partial Fisher–Yates shuffle over
    /// positions 0..n-1 (docs/draw-spec.md §5). The whole list, in canonical order and without randomness,
    /// when <paramref name="count"/> equals its length. Memory is O(count): displaced positions live in a map.
    /// </summary>
    internal static IReadOnlyList<int> Sample(IReadOnlyList<int> rows, int count, ReadOnlySpan<byte> seed, string label)
    {
        var n = rows.Count;
        if (count <= 0)
        {
            return [];
        }

        if (count >= n)
        {
            return rows;
        }

        var random = new DrawRandom(seed, label);
        var displaced = new Dictionary<int, int>(count * 2);
        var chosen = new int[count];
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)random.NextBelow((ulong)(n - i));
            var atJ = displaced.TryGetValue(j, out var movedJ) ? movedJ : j;
            var atI = displaced.TryGetValue(i, out var movedI) ? movedI : i;
            displaced[j] = atI;
            chosen[i] = rows[atJ];
        }

        return chosen;
    }

    /// <summary>Every reason <paramref name="creditCode"/> is or is not in the pool of this request.</summary>
    public IReadOnlyList<string> Explain(string creditCode, TargetDrawRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reasons = new List<string>();
        var row = _directory.IndexOf(creditCode);
        if (row < 0)
        {
            var check = Uscc.Check(creditCode);
            reasons.Add(check.IsValid ? $"{creditCode} is not in the target directory" : $"{creditCode} is not a valid credit code: {check.Reason}");
            return reasons;
        }

        var scope = new CompiledScope(_directory, request.Scope);
        reasons.AddRange(scope.Misses(row));
        var status = _directory.StatusAt(row);
        if (status is not (RegistrationStatus.Existing or RegistrationStatus.Suspended))
        {
            reasons.Add($"registration status is {status}; only existing and suspended entities are drawn");
        }

        var grade = _directory.GradeAt(row);
        if (grade == RiskGrade.A && request.Policy.MarketSupervision && request.DrawnThisYearA.Contains(creditCode))
        {
            reasons.Add("low-risk (A) and already drawn this calendar year by a market-supervision department");
        }

        if (request.KeyTargets.Any(k => k.CreditCode == creditCode))
        {
            reasons.Add("a key target (重点检查对象): checked outside the random share");
        }

        if (reasons.Count == 0)
        {
            reasons.Add($"eligible, in stratum {Strata.Of(grade)}");
        }

        return reasons;
    }

    private sealed record Pool(
        List<int>[] Eligible, string Hash, ExclusionCounts Exclusions, int InScopeA, int DrawnThisYearA,
        List<(int Row, KeyTarget Key)> Keys, List<string> RejectedKeys);

    private Pool Classify(TargetDrawRequest request)
    {
        var scope = new CompiledScope(_directory, request.Scope);
        var drawnA = new HashSet<UInt128>();
        if (request.Policy.MarketSupervision)
        {
            foreach (var code in request.DrawnThisYearA)
            {
                if (Uscc.IsValid(code))
                {
                    drawnA.Add(CreditCodeKey.Pack(code));
                }
            }
        }

        var keys = new List<(int, KeyTarget)>();
        var rejectedKeys = new List<string>();
        var keyRows = new HashSet<int>();
        foreach (var key in request.KeyTargets)
        {
            var row = _directory.IndexOf(key.CreditCode);
            if (row < 0)
            {
                rejectedKeys.Add($"{key.CreditCode}: not in the target directory");
            }
            else if (_directory.Statuses[row] is not ((byte)RegistrationStatus.Existing or (byte)RegistrationStatus.Suspended))
            {
                rejectedKeys.Add($"{key.CreditCode}: registration status {_directory.StatusAt(row)} cannot be checked");
            }
            else if (keyRows.Add(row))
            {
                keys.Add((row, key));
            }
        }

        var eligible = Strata.All.Select(_ => new List<int>()).ToArray();
        int outOfScope = 0, notDrawable = 0, lowRiskDrawn = 0, keyCount = 0, inScopeA = 0, drawnThisYearA = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[19 * 4096];
        var used = 0;
        var statuses = _directory.Statuses;
        var grades = _directory.Grades;
        var keysColumn = _directory.Keys;
        for (var row = 0; row < keysColumn.Length; row++)
        {
            if (!scope.Matches(row))
            {
                outOfScope++;
                continue;
            }

            if (statuses[row] is not ((byte)RegistrationStatus.Existing or (byte)RegistrationStatus.Suspended))
            {
                notDrawable++;
                continue;
            }

            var grade = grades[row];
            if (grade == (byte)RiskGrade.A)
            {
                inScopeA++;
                if (drawnA.Count > 0 && drawnA.Contains(keysColumn[row]))
                {
                    drawnThisYearA++;
                    lowRiskDrawn++;
                    continue;
                }
            }

            if (keyRows.Count > 0 && keyRows.Contains(row))
            {
                keyCount++;
                continue;
            }

            eligible[grade == TargetDirectory.Ungraded ? (int)Stratum.U : grade - 1].Add(row);
            CreditCodeKey.Unpack(keysColumn[row], buffer.AsSpan(used, 18));
            buffer[used + 18] = (byte)'\n';
            used += 19;
            if (used == buffer.Length)
            {
                hash.AppendData(buffer);
                used = 0;
            }
        }

        hash.AppendData(buffer, 0, used);
        return new Pool(
            eligible,
            Convert.ToHexStringLower(hash.GetHashAndReset()),
            new ExclusionCounts { OutOfScope = outOfScope, NotDrawableStatus = notDrawable, LowRiskDrawnThisYear = lowRiskDrawn, KeyTargets = keyCount },
            inScopeA,
            drawnThisYearA,
            keys,
            rejectedKeys);
    }

    /// <summary>Materialises codes only when read, so a 10,000,000-row pool is not turned into strings unless asked.</summary>
    private sealed class LazyCodes(TargetDirectory directory, List<int> rows) : IReadOnlyList<string>
    {
        public string this[int index] => directory.CreditCodeAt(rows[index]);

        public int Count => rows.Count;

        public IEnumerator<string> GetEnumerator() => rows.Select(directory.CreditCodeAt).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
