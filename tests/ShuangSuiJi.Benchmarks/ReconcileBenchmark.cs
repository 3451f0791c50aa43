using System.Diagnostics;
using System.Globalization;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Reconciliation;

namespace ShuangSuiJi.Benchmarks;

/// <summary>
/// A full reconciliation of N targets between two systems, from their canonical JSON copies (as the store holds
/// them) to every key classified: flattening, key normalisation, partitioned sort-merge, field-by-field comparison
/// with value normalisation. The baseline is a plain sort-merge of the same copies: sort both by raw key, walk them,
/// compare whole JSON texts. The right side differs on purpose: 1% of names in full-width brackets (the same after
/// normalisation, a false conflict for the baseline), 0.5% real name conflicts, 0.2% keys in lower case (the same
/// key, two false misses for the baseline), 0.2% missing on each side. Building the two sides is set-up.
/// </summary>
internal static class ReconcileBenchmark
{
    /// <summary>The store's keyed content hash, under a throwaway key, as the pulls write it.</summary>
    private static readonly ShuangSuiJi.Storage.Protection.FieldCipher Hashes = ShuangSuiJi.Storage.Protection.FieldCipher.Ephemeral();

    public const string Name = "reconcile";

    public static int Run(int size, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var (left, right) = Sides(size);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Name}: set-up: {left.Count:N0} and {right.Count:N0} target copies as canonical JSON in {watch.Elapsed.TotalSeconds:F1} s"));

        Engine(left, right, out _); // warm-up
        var best = TimeSpan.MaxValue;
        var bestFlatten = TimeSpan.Zero;
        Dictionary<ItemClass, int> counts = [];
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            watch.Restart();
            counts = Engine(left, right, out var flattening);
            if (watch.Elapsed < best)
            {
                best = watch.Elapsed;
                bestFlatten = flattening;
            }
        }

        var baselineBest = TimeSpan.MaxValue;
        (int Identical, int Differ, int Missing) plain = default;
        for (var i = 0; i < 3; i++)
        {
            watch.Restart();
            plain = SortMerge(left, right);
            baselineBest = Min(baselineBest, watch.Elapsed);
        }

        var flatten = bestFlatten;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  engine   best of 3: {best.TotalMilliseconds,8:F0} ms  (identical {counts.GetValueOrDefault(ItemClass.Identical):N0}, conflicting {counts.GetValueOrDefault(ItemClass.Conflicting):N0}, missing left {counts.GetValueOrDefault(ItemClass.MissingLeft):N0}, missing right {counts.GetValueOrDefault(ItemClass.MissingRight):N0}): flattening both sides {flatten.TotalMilliseconds:F0} ms, matching and comparing {(best - flatten).TotalMilliseconds:F0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  baseline best of 3: {baselineBest.TotalMilliseconds,8:F0} ms  (plain sort-merge on raw keys and whole JSON: equal {plain.Identical:N0}, differ {plain.Differ:N0}, one side only {plain.Missing:N0} — bracket and case variants miscounted)"));
        using var self = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {baselineBest / best:F2}x vs plain-sort-merge (engine {best.TotalMilliseconds:F0} ms vs {baselineBest.TotalMilliseconds:F0} ms; {size:N0} targets between two systems, {Environment.ProcessorCount} cores; goal under 5 s: {(best.TotalSeconds < 5 ? "met" : "NOT met")}; peak working set {self.PeakWorkingSet64 / (1024 * 1024):N0} MiB)"));
        return 0;
    }

    private static Dictionary<ItemClass, int> Engine(List<(string Json, string RawKey, string Hash)> left, List<(string Json, string RawKey, string Hash)> right, out TimeSpan flattening)
    {
        var watch = Stopwatch.StartNew();
        var schema = new FieldSchema();
        var shape = new RecordShape { KeyFields = ["creditCode"] };
        var leftFlat = shape.FlattenAll(left, schema);
        var rightFlat = shape.FlattenAll(right, schema);
        flattening = watch.Elapsed;
        var results = ReconcileEngine.Compare(schema, leftFlat, rightFlat);
        return results.GroupBy(r => r.Class).ToDictionary(g => g.Key, g => g.Count());
    }

    private static (int Identical, int Differ, int Missing) SortMerge(List<(string Json, string RawKey, string Hash)> left, List<(string Json, string RawKey, string Hash)> right)
    {
        var l = left.ToArray();
        var r = right.ToArray();
        Array.Sort(l, (a, b) => string.CompareOrdinal(a.RawKey, b.RawKey));
        Array.Sort(r, (a, b) => string.CompareOrdinal(a.RawKey, b.RawKey));
        int i = 0, j = 0, same = 0, differ = 0, missing = 0;
        while (i < l.Length || j < r.Length)
        {
            var order = i == l.Length ? 1 : j == r.Length ? -1 : string.CompareOrdinal(l[i].RawKey, r[j].RawKey);
            if (order == 0)
            {
                if (string.Equals(l[i].Json, r[j].Json, StringComparison.Ordinal))
                {
                    same++;
                }
                else
                {
                    differ++;
                }

                i++;
                j++;
            }
            else
            {
                missing++;
                _ = order < 0 ? i++ : j++;
            }
        }

        return (same, differ, missing);
    }

    private static (List<(string Json, string RawKey, string Hash)> Left, List<(string Json, string RawKey, string Hash)> Right) Sides(int size)
    {
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = size });
        var left = new List<(string, string, string)>(size);
        var right = new List<(string, string, string)>(size);
        var i = 0;
        foreach (var target in generator.Targets())
        {
            var bucket = i++ % 1000;
            var json = CanonicalJson.Content(target);
            if (bucket != 1 && bucket != 2)
            {
                left.Add((json, target.CreditCode, Hashes.ContentHash(json)));
            }

            if (bucket is 3 or 4)
            {
                continue; // missing on the right
            }

            var other = bucket switch
            {
                < 10 + 5 and >= 10 => target with { Name = target.Name + "（分店）" }, // a real conflict
                >= 100 and < 110 => target with { Name = target.Name.Replace("(", "（", StringComparison.Ordinal).Replace(")", "）", StringComparison.Ordinal) + " " },
                _ => target,
            };
            var key = bucket is >= 200 and < 202 ? target.CreditCode.ToLowerInvariant() : target.CreditCode;
            var otherJson = bucket is >= 200 and < 202 ? CanonicalJson.Content(other with { CreditCode = key }) : CanonicalJson.Content(other);
            right.Add((otherJson, key, Hashes.ContentHash(otherJson)));
        }

        return (left, right);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
