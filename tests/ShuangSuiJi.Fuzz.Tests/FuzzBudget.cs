using System.Globalization;
using CsCheck;

namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>
/// How much to fuzz: <c>SSJ_FUZZ_ITERATIONS</c> inputs per parser (default 300, which keeps the whole project under
/// a minute on two cores) from the fixed seed <c>SSJ_FUZZ_SEED</c> (default 20251125), so a run is repeatable and a
/// failure names the iteration that reproduces it.
/// </summary>
internal static class FuzzBudget
{
    public static int Iterations { get; } = int.TryParse(Environment.GetEnvironmentVariable("SSJ_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 300;

    public static ulong Seed { get; } = ulong.TryParse(Environment.GetEnvironmentVariable("SSJ_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 20251125;

    /// <summary>The generator's inputs for one parser, deterministic for the seed and the parser's name.</summary>
    public static IEnumerable<(int Iteration, T Input)> Inputs<T>(Gen<T> gen, string parser, int? iterations = null)
    {
        ArgumentNullException.ThrowIfNull(gen);
        var pcg = new PCG((uint)StableHash(parser), Seed);
        var count = iterations ?? Iterations;
        for (var i = 0; i < count; i++)
        {
            yield return (i, gen.Generate(pcg, null, out _));
        }
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & int.MaxValue;
    }
}
