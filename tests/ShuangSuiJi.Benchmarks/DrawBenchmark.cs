using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ShuangSuiJi.Draw.TargetDraw;
using ShuangSuiJi.Generation;

namespace ShuangSuiJi.Benchmarks;

/// <summary>
/// A stratified 5% draw from an N-target directory — eligibility filtering, the SHA-256 eligible-list hash and
/// sampling — against the naive way: LINQ filter, the same hash written plainly over each code as a string, then
/// OrderBy(random).Take(k) per stratum. Building the directory (generating N targets and sorting them by code) is set-up, reported apart.
/// </summary>
internal static class DrawBenchmark
{
    public const string Name = "draw";

    public static int Run(long size, decimal ratio, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = size });
        var directory = TargetDirectory.Build(generator.Targets(), (int)size);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name}: set-up: generated and indexed {size:N0} targets in {watch.Elapsed.TotalSeconds:F1} s"));

        var seed = SHA256.HashData("ssj-bench"u8);
        var request = new TargetDrawRequest { TaskNumber = "BENCH", Policy = DrawPolicy.Uniform(ratio) with { UndisturbedShareA = 0 } };
        var engine = new TargetDrawEngine(directory);

        // Warm-up: first-touch of the columns, and enough calls (with pauses) for the runtime to move the hot
        // methods from quick tier-0 code to optimised code, as it has in a hub that has run for a while.
        // Each result is disposed, as the hub's draw service does once it has the record: the eligible lists' arrays
        // go back to the pool for the next draw.
        for (var i = 0; i < 6; i++)
        {
            engine.Draw(request, seed).Dispose();
            Thread.Sleep(150);
        }

        var best = TimeSpan.MaxValue;
        TargetDrawResult? result = null;
        var faults = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            result?.Dispose();
            var faultsBefore = PageFaults();
            watch.Restart();
            result = engine.Draw(request, seed);
            best = Min(best, watch.Elapsed);
            faults = Math.Min(faults, PageFaults() - faultsBefore);
        }

        using var last = result!; // Assigned by the first iteration.

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var enginePeak = self.PeakWorkingSet64;

        // Where the time goes: each part alone, after the timed runs (so warm), on the same data.
        var eligibleRows = last.Strata.ToDictionary(s => s.Stratum, s => Enumerable.Range(0, s.Eligible).ToArray());
        var sampling = BestOf(3, () =>
        {
            foreach (var s in last.Strata)
            {
                TargetDrawEngine.Sample(eligibleRows[s.Stratum], s.Drawn, seed, s.Stratum.Label());
            }
        });
        var streamTime = BestOf(3, () => Stream(seed, last.Drawn.Count));
        var codes = last.EligibleByStratum.Values.SelectMany(list => list).Order(StringComparer.Ordinal).ToList();
        var v1Bytes = codes.Count * 19L;
        var v1Input = new byte[v1Bytes];
        v1Input.AsSpan().Fill(1); // touched before timing: first-touch page faults are not hashing
        watch.Restart();
        SHA256.HashData(v1Input);
        var v1Time = watch.Elapsed;
        watch.Restart();
        var hashAgain = EligibleListHash.Of(codes, DrawAlgorithms.V2);
        var v2FromText = watch.Elapsed;
        if (hashAgain != last.EligibleHash)
        {
            throw new InvalidOperationException($"The engine's eligible hash {last.EligibleHash} differs from the reference {hashAgain}.");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  engine   best of 5: {best.TotalMilliseconds,8:F0} ms  ({last.EligibleCount:N0} eligible, {last.Drawn.Count:N0} drawn; {last.Algorithm} eligible hash {last.EligibleHash[..16]}…; fewest page faults in a timed draw {faults:N0})\n"
            + $"           parts, each alone: sampling every stratum one after another {sampling.TotalMilliseconds:F0} ms (of which the ChaCha20 stream and bounded integers {streamTime.TotalMilliseconds:F0} ms); "
            + $"for scale, SHA-256 over the {v1Bytes / (1024 * 1024):N0} MiB that {DrawAlgorithms.V1} hashed {v1Time.TotalMilliseconds:F0} ms on one core, "
            + $"the {DrawAlgorithms.V2} hash of the same list from text on all cores {v2FromText.TotalMilliseconds:F0} ms"));
        var spread = SpreadDraw(engine, directory, request, seed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  engine, 2% of the A stratum already drawn this year (the hash pass and the checks that earlier draws need): {spread.TotalMilliseconds:F0} ms best of 3"));

        watch.Restart();
        var (naiveCount, naiveHash) = Naive(directory, ratio);
        var naive = watch.Elapsed;
        if (naiveHash != last.EligibleHash)
        {
            throw new InvalidOperationException($"The baseline's eligible hash {naiveHash} differs from the engine's {last.EligibleHash}: they did not do the same work.");
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline          {naive.TotalMilliseconds,8:F0} ms  (LINQ filter, the same hash written plainly, OrderBy(random).Take(k) per stratum; {naiveCount:N0} drawn)"));

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {naive / best:F1}x vs naive-linq-orderby (engine {best.TotalMilliseconds:F0} ms vs {naive.TotalMilliseconds:F0} ms; {ratio:P0} of {size:N0} targets stratified by grade; peak working set through the engine runs {enginePeak / (1024 * 1024):N0} MiB)"));
        return 0;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// The process's page faults so far (Linux: minor + major from /proc/self/stat; elsewhere -1). On virtual
    /// machines a fault can cost ~10 µs, so a draw that touches fresh memory is measured slower than its work.
    /// </summary>
    private static long PageFaults()
    {
        const string Stat = "/proc/self/stat";
        if (!File.Exists(Stat))
        {
            return -1;
        }

        // The fields after the command's closing parenthesis: state, ppid, … minflt is the 10th field, majflt the 12th.
        var text = File.ReadAllText(Stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture) + long.Parse(fields[9], CultureInfo.InvariantCulture);
    }

    private static TimeSpan BestOf(int runs, Action action)
    {
        action();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = Min(best, watch.Elapsed);
        }

        return best;
    }

    private static void Stream(byte[] seed, int numbers)
    {
        using var stream = new ShuangSuiJi.Draw.Randomness.DrawRandom(seed, "bench", numbers);
        for (var i = 0; i < numbers; i++)
        {
            stream.NextBelow(1_000_003);
        }
    }

    /// <summary>The same draw later in the year: every 50th A target already drawn, so the pass checks each A row against them.</summary>
    private static TimeSpan SpreadDraw(TargetDrawEngine engine, TargetDirectory directory, TargetDrawRequest request, byte[] seed)
    {
        var drawnA = Enumerable.Range(0, directory.Count).Where(row => row % 50 == 0 && directory.GradeAt(row) == Core.Kinds.RiskGrade.A)
            .Select(directory.CreditCodeAt).ToHashSet(StringComparer.Ordinal);
        var later = request with { DrawnThisYearA = drawnA };
        return BestOf(3, () => engine.Draw(later, seed).Dispose());
    }

    private static (int Drawn, string Hash) Naive(TargetDirectory directory, decimal ratio)
    {
        var random = new Random(20250101);
        var eligible = Enumerable.Range(0, directory.Count)
            .Where(row => directory.StatusAt(row) is Core.Kinds.RegistrationStatus.Existing or Core.Kinds.RegistrationStatus.Suspended)
            .ToList();
        // The eligible hash of the same version, written plainly: each code as text, its value packed from the
        // text, the LEB128 deltas into a stream, SHA-256 per segment, then over the count and the digests.
        var digests = new List<byte[]>();
        var segment = new MemoryStream();
        UInt128 previous = 0;
        for (var i = 0; i < eligible.Count; i++)
        {
            var code = directory.CreditCodeAt(eligible[i]);
            var value = CreditCodeKey.Pack(code) >> 5;
            var delta = value - previous;
            previous = value;
            while (delta >= 0x80)
            {
                segment.WriteByte((byte)((int)(delta & 0x7F) | 0x80));
                delta >>= 7;
            }

            segment.WriteByte((byte)delta);
            if ((i + 1) % EligibleListHash.SegmentLength == 0 || i == eligible.Count - 1)
            {
                digests.Add(SHA256.HashData(segment.ToArray()));
                segment.SetLength(0);
                previous = 0;
            }
        }

        var total = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(total, (ulong)eligible.Count);
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. total, .. digests.SelectMany(d => d)]));
        var drawn = eligible.GroupBy(directory.GradeAt)
            .SelectMany(g => g.OrderBy(_ => random.Next()).Take(Strata.CountFor(g.Count(), ratio)))
            .Count();
        return (drawn, hash);
    }
}
