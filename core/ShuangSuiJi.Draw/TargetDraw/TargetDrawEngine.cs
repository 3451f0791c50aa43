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
    /// <summary>The algorithm version recorded with every draw (<see cref="DrawAlgorithms.Current"/>).</summary>
    public const string Algorithm = DrawAlgorithms.Current;

    private readonly TargetDirectory _directory;

    /// <summary>Keeps the batch's touching reads in <see cref="Sample"/> from being optimised away.</summary>
    private static int _touchSink;

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
        var keyTargets = new List<DrawnTarget>();
        string? refusal = null;

        var sizeA = pool.Eligible[(int)Stratum.A].Length;
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

        var counts = new int[Strata.All.Count];
        foreach (var stratum in Strata.All)
        {
            var eligible = pool.Eligible[(int)stratum];
            var ratio = policy.RatioFor(stratum.Grade());
            var byRatio = Strata.CountFor(eligible.Length, ratio);
            counts[(int)stratum] = refusal is not null ? 0 : stratum == Stratum.A ? countA : byRatio;
            reports.Add(new StratumReport(stratum, eligible.Length, ratio, byRatio, counts[(int)stratum], stratum == Stratum.A ? noteA : null));
        }

        // Each stratum has its own stream, so they sample in parallel and the result does not depend on scheduling.
        var seedCopy = seed.ToArray();
        var samples = new IReadOnlyList<int>[Strata.All.Count];
        Parallel.ForEach(Strata.All, stratum =>
            samples[(int)stratum] = Sample(pool.Eligible[(int)stratum], counts[(int)stratum], seedCopy, stratum.Label()));
        // The random draws stay rows until read: a province-wide draw's hundreds of thousands of codes become
        // strings only where they are used (the record, a report), not inside the draw.
        var random = new DrawnRows(_directory, [.. Strata.All.SelectMany(st => samples[(int)st].Select(row => (row, st)))]);

        if (refusal is null)
        {
            foreach (var (row, key) in pool.Keys)
            {
                var stratum = Strata.Of(_directory.GradeAt(row));
                keyTargets.Add(new DrawnTarget(_directory.CreditCodeAt(row), stratum, IsKey: true, key.Reason, MustBeOnSite: stratum == Stratum.D));
            }
        }

        return new TargetDrawResult
        {
            TaskNumber = request.TaskNumber,
            Algorithm = Algorithm,
            Refusal = refusal,
            EligibleCount = pool.Eligible.Sum(e => e.Length),
            EligibleHash = pool.Hash.GetAwaiter().GetResult(),
            EligibleByStratum = Strata.All.ToDictionary(s => s, s => (IReadOnlyList<string>)new LazyCodes(_directory, pool.Eligible[(int)s])),
            Strata = reports,
            Drawn = refusal is null ? random.Then(keyTargets) : [],
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

        using var random = new DrawRandom(seed, label, count);
        var chosen = new int[count];
        if (count >= n / 32)
        {
            // Dense: shuffle a copy of the rows in place, the same algorithm as over positions (the output is
            // equal), with one random memory access a step instead of two. The random numbers do not depend on the
            // array, so a batch of them is drawn first and its targets touched together: the cache misses overlap
            // instead of queueing one after the other.
            var work = System.Buffers.ArrayPool<int>.Shared.Rent(n);
            const int Batch = 32;
            Span<int> targets = stackalloc int[Batch];
            var touched = 0;
            try
            {
                if (rows is int[] array)
                {
                    array.AsSpan(0, n).CopyTo(work);
                }
                else
                {
                    for (var p = 0; p < n; p++)
                    {
                        work[p] = rows[p];
                    }
                }

                for (var first = 0; first < count; first += Batch)
                {
                    var end = Math.Min(count, first + Batch);
                    for (var i = first; i < end; i++)
                    {
                        var j = i + (int)random.NextBelow((ulong)(n - i));
                        targets[i - first] = j;
                        touched ^= work[j];
                    }

                    for (var i = first; i < end; i++)
                    {
                        var j = targets[i - first];
                        (work[i], work[j]) = (work[j], work[i]);
                        chosen[i] = work[i];
                    }
                }
            }
            finally
            {
                System.Buffers.ArrayPool<int>.Shared.Return(work);
            }

            Volatile.Write(ref _touchSink, touched);
            return chosen;
        }

        var displaced = new Dictionary<int, int>(count * 2);
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

    /// <param name="Hash">Still being computed on another core; awaited only once sampling is done.</param>
    private sealed record Pool(
        int[][] Eligible, Task<string> Hash, ExclusionCounts Exclusions, int InScopeA, int DrawnThisYearA,
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

        // Pass 1, in parallel over chunks: one code per row (0-4 = eligible in that stratum, else why not) and counts.
        const byte OutOfScope = 5, NotDrawable = 6, LowRiskDrawn = 7, Key = 8;
        var rowCount = _directory.Count;
        var codes = new byte[rowCount];
        var statuses = _directory.Statuses;
        var grades = _directory.Grades;
        var keysColumn = _directory.Keys;
        var unrestricted = scope.Unrestricted;
        var chunks = Math.Max(1, (rowCount + ChunkRows - 1) / ChunkRows);
        var counts = new int[chunks, 10];
        var fast = unrestricted && drawnA.Count == 0 && keyRows.Count == 0 ? PlainClasses : null;
        Parallel.For(0, chunks, chunk =>
        {
            // Counted locally and stored once: shared counters would bounce one cache line between cores.
            Span<int> local = stackalloc int[10];
            var from = chunk * ChunkRows;
            var to = Math.Min(rowCount, from + ChunkRows);
            if (fast is not null)
            {
                ClassifyPlain(statuses.AsSpan(from, to - from), grades.AsSpan(from, to - from), codes.AsSpan(from, to - from), fast, local);
            }
            else
            {
                for (var row = from; row < to; row++)
                {
                    byte code;
                    if (!unrestricted && !scope.Matches(row))
                    {
                        code = OutOfScope;
                    }
                    else if (statuses[row] is not ((byte)RegistrationStatus.Existing or (byte)RegistrationStatus.Suspended))
                    {
                        code = NotDrawable;
                    }
                    else
                    {
                        var grade = grades[row];
                        if (grade == (byte)RiskGrade.A)
                        {
                            local[9]++; // in scope and drawable A: the guard's base
                        }

                        code = grade == (byte)RiskGrade.A && drawnA.Count > 0 && drawnA.Contains(keysColumn[row]) ? LowRiskDrawn
                            : keyRows.Count > 0 && keyRows.Contains(row) ? Key
                            : grade == TargetDirectory.Ungraded ? (byte)Stratum.U : (byte)(grade - 1);
                    }

                    codes[row] = code;
                    local[code]++;
                }
            }

            for (var c = 0; c < local.Length; c++)
            {
                counts[chunk, c] = local[c];
            }
        });

        int Total(int code)
        {
            var total = 0;
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                total += counts[chunk, code];
            }

            return total;
        }

        // Where each chunk starts in each stratum's list, and in the whole eligible list (for the hash's segments).
        var strata = Strata.All.Count;
        var starts = new int[chunks, strata];
        var eligibleBefore = new int[chunks + 1];
        var running = new int[strata];
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var eligibleInChunk = 0;
            for (var st = 0; st < strata; st++)
            {
                starts[chunk, st] = running[st];
                running[st] += counts[chunk, st];
                eligibleInChunk += counts[chunk, st];
            }

            eligibleBefore[chunk + 1] = eligibleBefore[chunk] + eligibleInChunk;
        }

        // Pass 2: the eligible list's hash, its segments spread over the cores, while the strata are gathered.
        var steps = _directory.ValueSteps;
        var hashing = Task.Run(() => HashEligible(codes, keysColumn, steps, eligibleBefore));
        var eligible = running.Select(size => new int[size]).ToArray();
        Parallel.For(0, chunks, chunk =>
        {
            Span<int> filled = stackalloc int[strata];
            for (var st = 0; st < strata; st++)
            {
                filled[st] = starts[chunk, st];
            }

            var from = chunk * ChunkRows;
            Gather(codes.AsSpan(from, Math.Min(rowCount, from + ChunkRows) - from), from, eligible, filled);
        });

        var lowRiskDrawn = Total(LowRiskDrawn);
        return new Pool(
            eligible,
            hashing,
            new ExclusionCounts { OutOfScope = Total(OutOfScope), NotDrawableStatus = Total(NotDrawable), LowRiskDrawnThisYear = lowRiskDrawn, KeyTargets = Total(Key) },
            Total(9),
            lowRiskDrawn,
            keys,
            rejectedKeys);
    }

    /// <summary>Rows per chunk of the classification and gathering passes.</summary>
    private const int ChunkRows = 1 << 16;

    /// <summary>
    /// For a draw whose scope, earlier A draws and key targets exclude nothing: the class of each
    /// (status, grade) pair, indexed <c>status * 8 + grade</c> (6 = not drawable; else the stratum).
    /// </summary>
    private static readonly byte[] PlainClasses = BuildPlainClasses();

    private static byte[] BuildPlainClasses()
    {
        var classes = new byte[256 * 8];
        for (var status = 0; status < 256; status++)
        {
            var drawable = status is (byte)RegistrationStatus.Existing or (byte)RegistrationStatus.Suspended;
            for (var grade = 0; grade < 8; grade++)
            {
                classes[(status * 8) + grade] = !drawable ? (byte)6 : grade == TargetDirectory.Ungraded ? (byte)Stratum.U : (byte)(grade - 1);
            }
        }

        return classes;
    }

    /// <summary>The pass over one chunk when nothing but the registration status excludes: a table look-up a row.</summary>
    private static void ClassifyPlain(ReadOnlySpan<byte> statuses, ReadOnlySpan<byte> grades, Span<byte> codes, byte[] classes, Span<int> counts)
    {
        // Two sets of counters, so that runs of one class do not wait on the same counter.
        Span<int> even = stackalloc int[8];
        Span<int> odd = stackalloc int[8];
        var rows = codes.Length;
        var row = 0;
        for (; row + 1 < rows; row += 2)
        {
            var first = classes[(statuses[row] * 8) + (grades[row] & 7)];
            var second = classes[(statuses[row + 1] * 8) + (grades[row + 1] & 7)];
            codes[row] = first;
            codes[row + 1] = second;
            even[first]++;
            odd[second]++;
        }

        if (row < rows)
        {
            var last = classes[(statuses[row] * 8) + (grades[row] & 7)];
            codes[row] = last;
            even[last]++;
        }

        for (var c = 0; c < 8; c++)
        {
            counts[c] += even[c] + odd[c];
        }

        counts[9] += even[(int)Stratum.A] + odd[(int)Stratum.A]; // the guard's base: in-scope drawable A
    }

    /// <summary>Appends each eligible row of one chunk to its stratum's list, at the chunk's offsets.</summary>
    private static void Gather(ReadOnlySpan<byte> codes, int firstRow, int[][] eligible, Span<int> filled)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            if (code < 5)
            {
                eligible[code][filled[code]++] = firstRow + i;
            }
        }
    }

    /// <summary>
    /// The eligible list's hash (docs/draw-spec.md §4.2, <see cref="EligibleListHash"/>) straight from the rows whose
    /// code is 0-4: each segment finds its first row through the chunks' eligible counts, then encodes its codes
    /// from the packed keys, never as text.
    /// </summary>
    private static string HashEligible(byte[] codes, UInt128[] keys, uint[] steps, int[] eligibleBefore)
    {
        var count = eligibleBefore[^1];
        return EligibleListHash.Combine(count, segment =>
        {
            var first = segment * EligibleListHash.SegmentLength;
            var length = Math.Min(EligibleListHash.SegmentLength, count - first);
            var chunk = 0;
            while (eligibleBefore[chunk + 1] <= first)
            {
                chunk++; // the chunk holding eligible row number `first`
            }

            var row = chunk * ChunkRows;
            for (var skip = first - eligibleBefore[chunk]; ; row++)
            {
                if (codes[row] < 5)
                {
                    if (skip == 0)
                    {
                        break;
                    }

                    skip--;
                }
            }

            var writer = new EligibleListHash.SegmentWriter(length);
            try
            {
                // The value leaves out the check character; it is followed row by row through the steps.
                var value = keys[row] >> 5;
                var added = 0;
                while (true)
                {
                    if (codes[row] < 5)
                    {
                        writer.Add((ulong)(value >> 64), (ulong)value, first + added);
                        if (++added == length)
                        {
                            break;
                        }
                    }

                    var step = steps[++row];
                    value = step == uint.MaxValue ? keys[row] >> 5 : value + step;
                }

                return writer.Digest();
            }
            finally
            {
                writer.Dispose();
            }
        });
    }

    /// <summary>Drawn rows in order, each turned into a <see cref="DrawnTarget"/> when read; key targets follow.</summary>
    private sealed class DrawnRows(TargetDirectory directory, (int Row, Stratum Stratum)[] rows, IReadOnlyList<DrawnTarget>? tail = null) : IReadOnlyList<DrawnTarget>
    {
        public DrawnRows Then(IReadOnlyList<DrawnTarget> keys) => new(directory, rows, keys);

        public DrawnTarget this[int index] => index < rows.Length
            ? new DrawnTarget(directory.CreditCodeAt(rows[index].Row), rows[index].Stratum, IsKey: false, Reason: null, MustBeOnSite: rows[index].Stratum == Stratum.D)
            : (tail ?? [])[index - rows.Length];

        public int Count => rows.Length + (tail?.Count ?? 0);

        public IEnumerator<DrawnTarget> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Materialises codes only when read, so a 10,000,000-row pool is not turned into strings unless asked.</summary>
    private sealed class LazyCodes(TargetDirectory directory, int[] rows) : IReadOnlyList<string>
    {
        public string this[int index] => directory.CreditCodeAt(rows[index]);

        public int Count => rows.Length;

        public IEnumerator<string> GetEnumerator() => rows.Select(directory.CreditCodeAt).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
