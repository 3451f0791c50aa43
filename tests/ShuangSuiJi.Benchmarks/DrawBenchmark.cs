using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ShuangSuiJi.Draw.TargetDraw;
using ShuangSuiJi.Generation;

namespace ShuangSuiJi.Benchmarks;

/// <summary>
/// A stratified 5% draw from an N-target directory — eligibility filtering, SHA-256 of the eligible list and
/// sampling — against the naive way: LINQ filter, hash each code as a string, then OrderBy(random).Take(k) per
/// stratum. Building the directory (generating N targets and sorting them by code) is set-up, reported apart.
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

        engine.Draw(request, seed); // warm-up: JIT and first-touch of the columns
        var best = TimeSpan.MaxValue;
        TargetDrawResult result = null!; // Assigned by the first iteration.
        for (var i = 0; i < 3; i++)
        {
            watch.Restart();
            result = engine.Draw(request, seed);
            best = Min(best, watch.Elapsed);
        }

        // Where the time goes: the sampling alone, per stratum.
        var eligibleRows = result.Strata.ToDictionary(s => s.Stratum, s => Enumerable.Range(0, s.Eligible).ToArray());
        watch.Restart();
        foreach (var s in result.Strata)
        {
            TargetDrawEngine.Sample(eligibleRows[s.Stratum], s.Drawn, seed, s.Stratum.Label());
        }

        var sampling = watch.Elapsed;

        // Its parts: the random stream alone, and SHA-256 alone over as many bytes as the eligible list.
        watch.Restart();
        using (var stream = new ShuangSuiJi.Draw.Randomness.DrawRandom(seed, "bench"))
        {
            for (var i = 0; i < result.Drawn.Count; i++)
            {
                stream.NextBelow(1_000_003);
            }
        }

        var streamTime = watch.Elapsed;
        var bytes = new byte[result.EligibleCount * 19L];
        watch.Restart();
        SHA256.HashData(bytes);
        var hashTime = watch.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  engine   best of 3: {best.TotalMilliseconds,8:F0} ms  ({result.EligibleCount:N0} eligible, {result.Drawn.Count:N0} drawn)\n"
            + $"           parts, each measured alone on one core: sampling {sampling.TotalMilliseconds:F0} ms (of which the ChaCha20 random stream {streamTime.TotalMilliseconds:F0} ms); "
            + $"SHA-256 of the {bytes.Length / (1024 * 1024):N0} MiB eligible list {hashTime.TotalMilliseconds:F0} ms (runs on the second core while the strata are gathered); the rest is the filtering pass"));

        watch.Restart();
        var naiveCount = Naive(directory, ratio);
        var naive = watch.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline          {naive.TotalMilliseconds,8:F0} ms  (LINQ filter, per-code hashing, OrderBy(random).Take(k) per stratum; {naiveCount:N0} drawn)"));

        using var self = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {naive / best:F1}x vs naive-linq-orderby (engine {best.TotalMilliseconds:F0} ms vs {naive.TotalMilliseconds:F0} ms; {ratio:P0} of {size:N0} targets stratified by grade; peak working set {self.PeakWorkingSet64 / (1024 * 1024):N0} MiB)"));
        return 0;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static int Naive(TargetDirectory directory, decimal ratio)
    {
        var random = new Random(20250101);
        var eligible = Enumerable.Range(0, directory.Count)
            .Where(row => directory.StatusAt(row) is Core.Kinds.RegistrationStatus.Existing or Core.Kinds.RegistrationStatus.Suspended)
            .ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in eligible)
        {
            hash.AppendData(Encoding.ASCII.GetBytes(directory.CreditCodeAt(row) + "\n"));
        }

        _ = hash.GetHashAndReset();
        return eligible.GroupBy(directory.GradeAt)
            .SelectMany(g => g.OrderBy(_ => random.Next()).Take(Strata.CountFor(g.Count(), ratio)))
            .Count();
    }
}
