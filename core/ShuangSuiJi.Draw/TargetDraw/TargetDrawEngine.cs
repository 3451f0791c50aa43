using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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

    /// <summary>Keeps the batch's touching reads in <see cref="SamplePositions"/> from being optimised away.</summary>
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
        try
        {
            return Complete(request, pool, seed);
        }
        catch
        {
            pool.Lists.Dispose(); // nothing reads the lists any more: sampling is over, the hash never reads them
            throw;
        }
    }

    /// <summary>The draw once the pool is known: the guard, the strata's counts, the sampling, the result.</summary>
    private TargetDrawResult Complete(TargetDrawRequest request, Pool pool, ReadOnlySpan<byte> seed)
    {
        var policy = request.Policy;
        var reports = new List<StratumReport>();
        var keyTargets = new List<DrawnTarget>();
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

        var counts = new int[Strata.All.Count];
        foreach (var stratum in Strata.All)
        {
            var eligible = pool.Eligible[(int)stratum];
            var ratio = policy.RatioFor(stratum.Grade());
            var byRatio = Strata.CountFor(eligible.Count, ratio);
            counts[(int)stratum] = refusal is not null ? 0 : stratum == Stratum.A ? countA : byRatio;
            reports.Add(new StratumReport(stratum, eligible.Count, ratio, byRatio, counts[(int)stratum], stratum == Stratum.A ? noteA : null));
        }

        // Each stratum has its own stream, so they sample in parallel and the result does not depend on scheduling.
        // The eligible list's hash is meanwhile still being computed on the other core's spare time.
        // Each writes its rows straight into its own part of the drawn list (pooled with the eligible lists).
        var seedCopy = seed.ToArray();
        var offsets = new int[Strata.All.Count + 1];
        foreach (var stratum in Strata.All)
        {
            offsets[(int)stratum + 1] = offsets[(int)stratum] + Math.Clamp(counts[(int)stratum], 0, pool.Eligible[(int)stratum].Count);
        }

        var drawnRows = pool.Lists.RentDrawn(offsets[^1]);
        Parallel.ForEach(Strata.All, stratum =>
        {
            var from = offsets[(int)stratum];
            SampleInto(pool.Eligible[(int)stratum], counts[(int)stratum], seedCopy, stratum.Label(), drawnRows.AsSpan(from, offsets[(int)stratum + 1] - from));
        });

        // The random draws stay rows until read: a province-wide draw's hundreds of thousands of codes become
        // strings only where they are used (the record, a report), not inside the draw.
        var random = new DrawnRows(_directory, drawnRows, pool.Lists);

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
            EligibleCount = pool.Eligible.Sum(e => e.Count),
            EligibleHash = pool.Hash.GetAwaiter().GetResult(),
            EligibleByStratum = Strata.All.ToDictionary(s => s, s => (IReadOnlyList<string>)new LazyCodes(_directory, pool.Eligible[(int)s], pool.Lists)),
            Strata = reports,
            Drawn = refusal is null ? random.Then(keyTargets) : [],
            Exclusions = pool.Exclusions,
            InScopeA = pool.InScopeA,
            DrawnThisYearA = pool.DrawnThisYearA,
            RejectedKeyTargets = pool.RejectedKeys,
            Lists = pool.Lists,
        };
    }

    /// <summary>
    /// Samples <paramref name="count"/> of the rows, in selection order: a partial Fisher–Yates shuffle over
    /// positions 0..n-1 (docs/draw-spec.md §5). The whole list, in canonical order and without randomness,
    /// when <paramref name="count"/> equals its length.
    /// </summary>
    internal static int[] Sample(ArraySegment<int> rows, int count, ReadOnlySpan<byte> seed, string label)
    {
        var drawn = new int[Math.Clamp(count, 0, rows.Count)];
        SampleInto(rows, count, seed, label, drawn);
        return drawn;
    }

    /// <summary><see cref="Sample"/> into <paramref name="destination"/>, which holds exactly the rows drawn (count, at most n).</summary>
    internal static void SampleInto(ArraySegment<int> rows, int count, ReadOnlySpan<byte> seed, string label, Span<int> destination)
    {
        if (count <= 0)
        {
            return;
        }

        if (count >= rows.Count)
        {
            rows.AsSpan().CopyTo(destination);
            return;
        }

        SamplePositions(rows.Count, count, seed, label, destination);
        Rows(rows, destination);
    }

    /// <summary>
    /// The positions (0..n-1) that <see cref="Sample"/> chooses, in selection order, for 0 &lt; count &lt; n, written
    /// into <paramref name="chosen"/> (count slots). Memory is O(count) when count is under n/32 (displaced positions
    /// live in a map), else a pooled position array.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first call, also in a one-shot ssj draw
    internal static void SamplePositions(int n, int count, ReadOnlySpan<byte> seed, string label, Span<int> chosen)
    {
        using var random = new DrawRandom(seed, label, count);
        if (count >= n / 32)
        {
            // Dense: a position array. The random numbers do not depend on it, so a batch of them is drawn first and
            // the positions they reach are touched together: the cache misses overlap instead of queueing.
            var position = System.Buffers.ArrayPool<int>.Shared.Rent(n);
            const int Batch = 32;
            Span<int> targets = stackalloc int[Batch];
            var touched = 0;
            try
            {
                FillIdentity(position.AsSpan(0, n));
                for (var first = 0; first < count; first += Batch)
                {
                    var end = Math.Min(count, first + Batch);
                    for (var i = first; i < end; i++)
                    {
                        var j = i + (int)random.NextBelow((ulong)(n - i));
                        targets[i - first] = j;
                        touched ^= position[j];
                    }

                    for (var i = first; i < end; i++)
                    {
                        var j = targets[i - first];
                        (position[i], position[j]) = (position[j], position[i]);
                        chosen[i] = position[i];
                    }
                }
            }
            finally
            {
                System.Buffers.ArrayPool<int>.Shared.Return(position);
            }

            Volatile.Write(ref _touchSink, touched);
            return;
        }

        var displaced = new Dictionary<int, int>(count * 2);
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)random.NextBelow((ulong)(n - i));
            var atJ = displaced.TryGetValue(j, out var movedJ) ? movedJ : j;
            var atI = displaced.TryGetValue(i, out var movedI) ? movedI : i;
            displaced[j] = atI;
            chosen[i] = atJ;
        }
    }

    /// <summary>0, 1, 2, … eight at a time.</summary>
    private static void FillIdentity(Span<int> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var step = Vector256.Create(Vector256<int>.Count);
            for (var values = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7); i + Vector256<int>.Count <= destination.Length; i += Vector256<int>.Count)
            {
                values.CopyTo(destination[i..]);
                values += step;
            }
        }

        for (; i < destination.Length; i++)
        {
            destination[i] = i;
        }
    }

    /// <summary>The rows at the chosen positions, in place of the positions.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first call, also in a one-shot ssj draw
    private static void Rows(ArraySegment<int> rows, Span<int> positions)
    {
        var list = rows.AsSpan();
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = list[positions[i]];
        }
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
    /// <param name="Eligible">Each stratum's rows, in the pooled arrays of <paramref name="Lists"/>.</param>
    private sealed record Pool(
        ArraySegment<int>[] Eligible, EligibleLists Lists, Task<string> Hash, ExclusionCounts Exclusions, int InScopeA, int DrawnThisYearA,
        List<(int Row, KeyTarget Key)> Keys, List<string> RejectedKeys);

    private Pool Classify(TargetDrawRequest request)
    {
        var scope = new CompiledScope(_directory, request.Scope);
        var drawnA = new List<UInt128>();
        if (request.Policy.MarketSupervision)
        {
            foreach (var code in request.DrawnThisYearA)
            {
                // Packing checks length and alphabet; a wrong check character cannot be in the directory, so such a
                // code simply finds no row (validating each of a year's tens of thousands of codes fully cost more).
                if (CreditCodeKey.TryPack(code, out var key))
                {
                    drawnA.Add(key);
                }
            }
        }

        // Sorted, so each chunk finds the earlier draws among its own rows by two binary searches.
        var drawnKeys = drawnA.ToArray();
        Array.Sort(drawnKeys);
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
        // Pooled: a fresh 10 MB array costs page faults on every draw (tens of milliseconds on a virtual machine).
        var codes = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(1, rowCount));
        var statuses = _directory.Statuses;
        var grades = _directory.Grades;
        var keysColumn = _directory.Keys;
        var unrestricted = scope.Unrestricted;
        var chunks = Math.Max(1, (rowCount + ChunkRows - 1) / ChunkRows);
        var counts = new int[chunks, 10];
        var sortedKeyRows = keyRows.Order().ToArray();
        Parallel.For(0, chunks, chunk =>
        {
            // Counted locally and stored once: shared counters would bounce one cache line between cores.
            Span<int> local = stackalloc int[10];
            var from = chunk * ChunkRows;
            var to = Math.Min(rowCount, from + ChunkRows);
            if (unrestricted)
            {
                ClassifyPlain(statuses.AsSpan(from, to - from), grades.AsSpan(from, to - from), codes.AsSpan(from, to - from), local);
            }
            else
            {
                ClassifyScoped(scope, from, to, statuses, grades, codes, local);
            }

            // The few rows excluded by name: A targets already drawn this year, then key targets still eligible.
            if (drawnKeys.Length > 0 && to > from)
            {
                var first = LowerBound(drawnKeys, 0, drawnKeys.Length, keysColumn[from]);
                var last = LowerBound(drawnKeys, first, drawnKeys.Length, keysColumn[to - 1] + 1);
                var after = from; // the queries ascend, so each search starts where the last one ended
                for (var q = first; q < last; q++)
                {
                    var row = after = LowerBound(keysColumn, after, to, drawnKeys[q]);
                    if (row < to && keysColumn[row] == drawnKeys[q] && codes[row] == (byte)Stratum.A)
                    {
                        codes[row] = LowRiskDrawn;
                        local[(int)Stratum.A]--;
                        local[LowRiskDrawn]++;
                    }
                }
            }

            for (var q = LowerBound(sortedKeyRows, 0, sortedKeyRows.Length, from); q < sortedKeyRows.Length && sortedKeyRows[q] < to; q++)
            {
                var row = sortedKeyRows[q];
                if (codes[row] < OutOfScope)
                {
                    local[codes[row]]--;
                    codes[row] = Key;
                    local[Key]++;
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

        // Pass 2: the eligible list's hash in the background, its segments spread over the cores, while each
        // chunk's eligible rows go to their strata's lists at offsets known from the counts.
        var steps = _directory.ValueSteps;
        var hashing = Task.Run(() => HashEligible(codes, keysColumn, steps, eligibleBefore));
        // Pooled (returned when the result is disposed): fresh arrays of this size (36 MB for a province) cost about
        // 10,000 page faults a draw, tens of milliseconds on a virtual machine. Every slot up to each size is written below.
        var lists = EligibleLists.Rent(running);
        var eligible = lists.Arrays;
        try
        {
            Parallel.For(0, chunks, chunk =>
            {
                Span<int> filled = stackalloc int[strata];
                Span<int> ends = stackalloc int[strata];
                for (var st = 0; st < strata; st++)
                {
                    filled[st] = starts[chunk, st];
                    ends[st] = chunk + 1 < chunks ? starts[chunk + 1, st] : running[st];
                }

                var from = chunk * ChunkRows;
                Gather(codes.AsSpan(from, Math.Min(rowCount, from + ChunkRows) - from), from, eligible, filled, ends);
            });
        }
        catch
        {
            lists.Dispose();
            throw;
        }

        // Both passes over the codes are done once the hash is; only then may another draw have the array.
        var hashed = hashing.ContinueWith(
            task =>
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(codes);
                return task.GetAwaiter().GetResult();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        var lowRiskDrawn = Total(LowRiskDrawn);
        return new Pool(
            lists.Segments,
            lists,
            hashed,
            new ExclusionCounts { OutOfScope = Total(OutOfScope), NotDrawableStatus = Total(NotDrawable), LowRiskDrawnThisYear = lowRiskDrawn, KeyTargets = Total(Key) },
            Total(9),
            lowRiskDrawn,
            keys,
            rejectedKeys);
    }

    /// <summary>Rows per chunk of the classification and gathering passes.</summary>
    private const int ChunkRows = 1 << 16;

    /// <summary>
    /// The class of each (status, grade) pair of an in-scope row, indexed <c>status * 8 + grade</c>: 6 (not
    /// drawable), or the stratum 0-4.
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

    /// <summary>One chunk of a draw without a scope: a table look-up a row.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first call, also in a one-shot ssj draw
    private static void ClassifyPlain(ReadOnlySpan<byte> statuses, ReadOnlySpan<byte> grades, Span<byte> codes, Span<int> counts)
    {
        var classes = PlainClasses;

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

    /// <summary>One chunk of a draw with a scope: out of scope (5), else as <see cref="ClassifyPlain"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first call, also in a one-shot ssj draw
    private static void ClassifyScoped(CompiledScope scope, int from, int to, byte[] statuses, byte[] grades, byte[] codes, Span<int> counts)
    {
        var classes = PlainClasses;
        for (var row = from; row < to; row++)
        {
            var code = scope.Matches(row) ? classes[(statuses[row] * 8) + (grades[row] & 7)] : (byte)5;
            codes[row] = code;
            counts[code]++;
        }

        counts[9] += counts[(int)Stratum.A]; // the guard's base: in-scope drawable A (nothing removed by name yet)
    }

    /// <summary>The first index in [<paramref name="low"/>, <paramref name="high"/>) whose value is not below <paramref name="value"/>.</summary>
    private static int LowerBound<T>(T[] sorted, int low, int high, T value)
        where T : IComparable<T>
    {
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle].CompareTo(value) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>
    /// The eligible list's hash (docs/draw-spec.md §4.2, <see cref="EligibleListHash"/>) straight from the rows whose
    /// code is 0-4: each segment finds its first row through the chunks' eligible counts, then follows the codes'
    /// values through the directory's 4-byte steps, never as text and never the 16-byte keys but where a step does
    /// not fit.
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

            var row = FindEligible(codes, steps.Length, chunk * ChunkRows, first - eligibleBefore[chunk]);

            var buffer = EligibleListHash.RentSegmentBuffer(length);
            try
            {
                var used = Avx512F.IsSupported && Bmi2.X64.IsSupported ? EncodeSegmentWide(codes, keys, steps, row, length, buffer) : EncodeSegment(codes, keys, steps, row, length, buffer);
                return SHA256.HashData(buffer.AsSpan(0, used));
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        });
    }

    /// <summary>
    /// The row of eligible row number <paramref name="skip"/> (from 0) counting from <paramref name="row"/>: 64 codes at
    /// a time while whole blocks can be skipped, then one at a time.
    /// </summary>
    internal static int FindEligible(byte[] codes, int rowCount, int row, int skip)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var below = Vector512.Create((byte)5);
            while (row + 64 <= rowCount)
            {
                var eligible = BitOperations.PopCount(Vector512.LessThan(Vector512.Create(codes.AsSpan(row, 64)), below).ExtractMostSignificantBits());
                if (eligible > skip)
                {
                    break;
                }

                skip -= eligible;
                row += 64;
            }
        }

        for (; ; row++)
        {
            if (codes[row] < 5)
            {
                if (skip == 0)
                {
                    return row;
                }

                skip--;
            }
        }
    }

    /// <summary>Values gathered by <see cref="EncodeSegmentWide"/> before they are encoded: small enough to stay in the first-level cache.</summary>
    private const int WideBatch = 2048;

    /// <summary>
    /// <see cref="EncodeSegment"/> with AVX-512, in two steps per batch of rows. First the eligible rows' values (their low
    /// 64 bits) are gathered eight rows at a time: the steps widened and summed into running values, the eligible ones
    /// compressed into a batch array; the places where an eligible value's high half differs from the previous one are
    /// noted. Then the batch is encoded in a tight loop that only subtracts, deposits and stores. Blocks with a step that
    /// does not fit or a carry into the high half, and the last rows of the directory, are taken one row at a time.
    /// Writes the same bytes as <see cref="EncodeSegment"/> (a test compares them).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first call, also in a one-shot ssj draw
    internal static int EncodeSegmentWide(byte[] codes, UInt128[] keys, uint[] steps, int row, int length, byte[] buffer)
    {
        var rowCount = steps.Length;
        var lows = System.Buffers.ArrayPool<ulong>.Shared.Rent(WideBatch + 8);
        var breakAt = new List<int>();
        var breakHigh = new List<ulong>();
        try
        {
            // The value of the row before the next one to read: the first row's own value, taken from its key.
            var key = keys[row] >> 5;
            ulong high = (ulong)(key >> 64), low = (ulong)key;
            ulong lastHigh = 0; // the high half of the last eligible value gathered (0 before the first: the deltas start from 0)
            ulong previousHigh = 0, previousLow = 0; // the last value encoded
            var used = 0;
            var remaining = length;
            var count = 0;
            if (codes[row] < 5)
            {
                Note(high, low, ref lastHigh, lows, ref count, breakAt, breakHigh);
            }

            row++;
            while (remaining > 0)
            {
                while (count <= WideBatch - 8 && count < remaining)
                {
                    if (row >= rowCount)
                    {
                        throw new InvalidOperationException($"The directory ended before the segment's {length} eligible rows were found.");
                    }

                    var before = count;
                    if (row + 8 > rowCount || !GatherWide(codes, steps, row, ref low, high, lows, ref count))
                    {
                        // One row at a time: the directory's last rows, a step that does not fit, a carry.
                        var end = Math.Min(row + 8, rowCount);
                        for (; row < end; row++)
                        {
                            var step = steps[row];
                            if (step == uint.MaxValue)
                            {
                                key = keys[row] >> 5;
                                (high, low) = ((ulong)(key >> 64), (ulong)key);
                            }
                            else
                            {
                                var next = low + step;
                                high += next < low ? 1UL : 0UL;
                                low = next;
                            }

                            if (codes[row] < 5)
                            {
                                Note(high, low, ref lastHigh, lows, ref count, breakAt, breakHigh);
                            }
                        }

                        continue;
                    }

                    if (high != lastHigh && count > before)
                    {
                        // The block's first eligible value starts a new high half (the whole block shares one).
                        breakAt.Add(before);
                        breakHigh.Add(high);
                        lastHigh = high;
                    }

                    row += 8;
                }

                var take = Math.Min(count, remaining);
                var i = 0;
                var nextBreak = 0;
                while (i < take)
                {
                    var stop = nextBreak < breakAt.Count && breakAt[nextBreak] < take ? breakAt[nextBreak] : take;
                    i = EncodeLows(lows, i, stop, ref previousLow, buffer, ref used);
                    if (i < take)
                    {
                        // A break (the high half changed) or a delta of 2^56 or more: the exact 128-bit delta.
                        var valueHigh = previousHigh;
                        if (nextBreak < breakAt.Count && breakAt[nextBreak] == i)
                        {
                            valueHigh = breakHigh[nextBreak++];
                        }

                        var value = new UInt128(valueHigh, lows[i]);
                        var previous = new UInt128(previousHigh, previousLow);
                        if (value < previous)
                        {
                            throw new InvalidOperationException($"The directory is out of order near row {row}.");
                        }

                        used = EligibleListHash.Leb128(value - previous, buffer, used);
                        (previousHigh, previousLow) = (valueHigh, lows[i]);
                        i++;
                    }
                }

                remaining -= take;
                count = 0;
                breakAt.Clear();
                breakHigh.Clear();
            }

            return used;
        }
        finally
        {
            System.Buffers.ArrayPool<ulong>.Shared.Return(lows);
        }
    }

    /// <summary>Adds one eligible value to the batch, noting a break where its high half differs from the last one's.</summary>
    private static void Note(ulong high, ulong low, ref ulong lastHigh, ulong[] lows, ref int count, List<int> breakAt, List<ulong> breakHigh)
    {
        if (high != lastHigh)
        {
            breakAt.Add(count);
            breakHigh.Add(high);
            lastHigh = high;
        }

        lows[count++] = low;
    }

    /// <summary>
    /// Eight rows from <paramref name="row"/>: their values (the running <paramref name="low"/> plus the prefix sums of
    /// their steps), the eligible ones compressed into <paramref name="lows"/>. Returns false, changing nothing, when a
    /// step does not fit or the low half would carry: the caller takes those rows one at a time.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool GatherWide(byte[] codes, uint[] steps, int row, ref ulong low, ulong high, ulong[] lows, ref int count)
    {
        var narrow = Vector256.Create<uint>(steps.AsSpan(row, 8));
        if (Vector256.EqualsAny(narrow, Vector256<uint>.AllBitsSet))
        {
            return false;
        }

        var sums = Avx512F.ConvertToVector512UInt64(narrow);
        sums += Avx512F.AlignRight64(sums, Vector512<ulong>.Zero, 7);
        sums += Avx512F.AlignRight64(sums, Vector512<ulong>.Zero, 6);
        sums += Avx512F.AlignRight64(sums, Vector512<ulong>.Zero, 4);
        var start = Vector512.Create(low);
        var values = sums + start;
        if (Vector512.LessThanAny(values, start))
        {
            return false;
        }

        var rowCodes = Avx512F.ConvertToVector512UInt64(Vector128.CreateScalar(BitConverter.ToUInt64(codes, row)).AsByte());
        var eligible = Vector512.LessThan(rowCodes, Vector512.Create(5UL));
        Avx512F.Compress(Vector512<ulong>.Zero, eligible, values).CopyTo(lows.AsSpan(count));
        count += BitOperations.PopCount(eligible.ExtractMostSignificantBits());
        low = values.GetElement(7);
        return true;
    }

    /// <summary>
    /// Encodes <paramref name="lows"/>[<paramref name="i"/>..<paramref name="stop"/>) as LEB128 deltas while each delta
    /// is under 2^56 (the high halves are the same throughout); returns where it stopped.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first call, also in a one-shot ssj draw
    private static int EncodeLows(ulong[] lows, int i, int stop, ref ulong previousLow, byte[] buffer, ref int used)
    {
        var previous = previousLow;
        var at = used;
        for (; i < stop; i++)
        {
            var value = lows[i];
            var delta = value - previous;
            if (delta >= 1UL << 56 || value < previous)
            {
                break; // the exact path encodes a long delta, or throws for a value out of order
            }

            at += EligibleListHash.Leb128Word(delta, buffer, at);
            previous = value;
        }

        previousLow = previous;
        used = at;
        return i;
    }

    /// <summary>
    /// One segment: from <paramref name="row"/>, the next <paramref name="length"/> eligible rows' values as LEB128
    /// deltas (the first against 0) into <paramref name="buffer"/>. The value (the code without its check character,
    /// 85 bits) is kept as two 64-bit halves and followed through the steps; the 16-byte key is read only where a step
    /// does not fit. Returns the bytes written.
    /// </summary>
    /// <remarks>
    /// The common rows (same high half as the previous eligible value, delta under 2^56, a step that fits and does not
    /// carry) go through <see cref="EncodeRun"/>, a tight loop; this method takes the rest one row at a time.
    /// </remarks>
    internal static int EncodeSegment(byte[] codes, UInt128[] keys, uint[] steps, int row, int length, byte[] buffer)
    {
        var key = keys[row] >> 5;
        var cursor = new EncodeCursor { Row = row, High = (ulong)(key >> 64), Low = (ulong)key };
        while (true)
        {
            if (!cursor.Processed && cursor.High == cursor.PreviousHigh && Bmi2.X64.IsSupported)
            {
                EncodeRun(codes, steps, buffer, length, ref cursor);
            }

            if (!cursor.Processed && codes[cursor.Row] < 5)
            {
                var value = new UInt128(cursor.High, cursor.Low);
                var previous = new UInt128(cursor.PreviousHigh, cursor.PreviousLow);
                if (value < previous)
                {
                    throw new InvalidOperationException($"The directory is out of order at row {cursor.Row}.");
                }

                cursor.Used = EligibleListHash.Leb128(value - previous, buffer, cursor.Used);
                (cursor.PreviousHigh, cursor.PreviousLow) = (cursor.High, cursor.Low);
                cursor.Added++;
            }

            if (cursor.Added == length)
            {
                return cursor.Used;
            }

            var step = steps[++cursor.Row];
            if (step == uint.MaxValue)
            {
                key = keys[cursor.Row] >> 5;
                (cursor.High, cursor.Low) = ((ulong)(key >> 64), (ulong)key);
            }
            else
            {
                var next = cursor.Low + step;
                cursor.High += next < cursor.Low ? 1UL : 0UL;
                cursor.Low = next;
            }

            cursor.Processed = false;
        }
    }

    /// <summary>Where <see cref="EncodeSegment"/> is: the current row and its value, the previous eligible value, the output.</summary>
    private struct EncodeCursor
    {
        public int Row;
        public ulong High;
        public ulong Low;

        /// <summary>The current row has been encoded (or skipped) and the cursor must move on.</summary>
        public bool Processed;
        public ulong PreviousHigh;
        public ulong PreviousLow;
        public int Used;
        public int Added;
    }

    /// <summary>
    /// The hot loop of <see cref="EncodeSegment"/>, for rows whose value has the previous eligible value's high half:
    /// everything in registers, branch-free but for its exits. Every row's delta is encoded and stored; the write
    /// position, the previous value and the count advance only for an eligible row, so the eligible/ineligible mix costs
    /// no mispredictions (the buffer's 8 bytes of slack take the store of an ineligible row). Leaves the cursor at a row
    /// it cannot take (a delta of 2^56 or more, or below the previous value), or at a processed row it cannot move on
    /// from (a step that does not fit or carries into the high half), or when the segment is complete.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization | System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] // hot loops: optimised from the first call, also in a one-shot ssj draw
    private static void EncodeRun(byte[] codes, uint[] steps, byte[] buffer, int length, ref EncodeCursor cursor)
    {
        var row = cursor.Row;
        var low = cursor.Low;
        var previous = cursor.PreviousLow;
        var used = cursor.Used;
        var added = cursor.Added;
        var processed = false;
        while (true)
        {
            var delta = low - previous;
            if (delta >= 1UL << 56 || low < previous)
            {
                break;
            }

            var take = codes[row] < 5 ? 1 : 0;
            used += EligibleListHash.Leb128Word(delta, buffer, used) & -take;
            added += take;
            previous = take != 0 ? low : previous;
            if (added == length)
            {
                processed = true;
                break;
            }

            var step = steps[row + 1];
            var next = low + step;
            if (step == uint.MaxValue || next < low)
            {
                processed = true;
                break;
            }

            low = next;
            row++;
        }

        cursor.Row = row;
        cursor.Low = low;
        cursor.PreviousLow = previous;
        cursor.Used = used;
        cursor.Added = added;
        cursor.Processed = processed;
    }

    /// <summary>
    /// Appends each eligible row of one chunk to its stratum's list, at the chunk's offsets (up to its
    /// <paramref name="ends"/>, where the next chunk's rows begin). With AVX-512, sixteen rows at a time: per stratum,
    /// the rows whose code matches are compressed into one vector and stored whole (the lanes past the matches are
    /// overwritten by the next store), scalar where a whole store would reach past the chunk's own part of the list.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)] // hot loops: optimised from the first call, also in a one-shot ssj draw
    private static void Gather(ReadOnlySpan<byte> codes, int firstRow, int[][] eligible, Span<int> filled, ReadOnlySpan<int> ends)
    {
        var i = 0;
        if (Avx512F.IsSupported && eligible.Length == 5)
        {
            var lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
            for (; i + 16 <= codes.Length; i += 16)
            {
                var block = Avx512F.ConvertToVector512Int32(Vector128.Create(codes.Slice(i, 16)));
                var rows = Vector512.Create(firstRow + i) + lanes;
                for (var stratum = 0; stratum < 5; stratum++)
                {
                    var mask = Vector512.Equals(block, Vector512.Create(stratum));
                    var matches = (int)ulong.PopCount(mask.ExtractMostSignificantBits());
                    var list = eligible[stratum];
                    var at = filled[stratum];
                    var packed = Avx512F.Compress(Vector512<int>.Zero, mask, rows);
                    if (at + 16 <= ends[stratum])
                    {
                        packed.CopyTo(list.AsSpan(at));
                    }
                    else
                    {
                        for (var k = 0; k < matches; k++)
                        {
                            list[at + k] = packed[k];
                        }
                    }

                    filled[stratum] = at + matches;
                }
            }
        }

        for (; i < codes.Length; i++)
        {
            var code = codes[i];
            if (code < 5)
            {
                eligible[code][filled[code]++] = firstRow + i;
            }
        }
    }

    /// <summary>Drawn rows in order, each turned into a <see cref="DrawnTarget"/> when read; key targets follow.</summary>
    /// <remarks>The rows are pooled with the eligible lists: once the result is disposed, reading a random draw throws <see cref="ObjectDisposedException"/>.</remarks>
    private sealed class DrawnRows(TargetDirectory directory, ArraySegment<int> rows, EligibleLists lists, IReadOnlyList<DrawnTarget>? tail = null) : IReadOnlyList<DrawnTarget>
    {
        public DrawnRows Then(IReadOnlyList<DrawnTarget> keys) => new(directory, rows, lists, keys);

        public DrawnTarget this[int index] => index < rows.Count ? Random(index) : (tail ?? [])[index - rows.Count];

        public int Count => rows.Count + (tail?.Count ?? 0);

        private DrawnTarget Random(int index)
        {
            lists.ThrowIfReturned();
            var row = rows[index];
            var stratum = Strata.Of(directory.GradeAt(row)); // the stratum it was drawn from: classification uses the same grade
            return new DrawnTarget(directory.CreditCodeAt(row), stratum, IsKey: false, Reason: null, MustBeOnSite: stratum == Stratum.D);
        }

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
    /// <remarks>Reads the pooled lists: once the result is disposed, reading throws <see cref="ObjectDisposedException"/>.</remarks>
    private sealed class LazyCodes(TargetDirectory directory, ArraySegment<int> rows, EligibleLists lists) : IReadOnlyList<string>
    {
        public string this[int index]
        {
            get
            {
                lists.ThrowIfReturned();
                return directory.CreditCodeAt(rows[index]);
            }
        }

        public int Count => rows.Count;

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < rows.Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
