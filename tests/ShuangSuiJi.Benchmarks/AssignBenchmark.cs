using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Draw.InspectorAssignment;
using ShuangSuiJi.Generation;

namespace ShuangSuiJi.Benchmarks;

/// <summary>
/// Assigns 2 inspectors × 3 departments to N targets from a roster of R inspectors (split over the departments,
/// 15% with one or two recusals among the targets), against a greedy baseline in the same run: round-robin over
/// each roster, skipping recused and full inspectors, no repair, so it may leave slots open.
/// </summary>
internal static class AssignBenchmark
{
    public const string Name = "assign";

    public static int Run(int targetCount, int rosterSize, TextWriter output)
    {
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = targetCount });
        var targets = generator.Targets().Select(t => new AssignmentTarget(t.CreditCode, t.RegionCode)).ToArray();
        string[] codes = ["360000-SCJG", "360000-WJW", "360000-YJ"];
        var random = new Random(7);
        var departments = codes.Select((code, d) => new AssignmentDepartment(code,
            [.. Enumerable.Range(0, rosterSize / codes.Length).Select(n => new RosterInspector
            {
                CertificateNumber = string.Create(CultureInfo.InvariantCulture, $"赣36000{d}{n:00000}"),
                DepartmentCode = code,
                RegionCode = "360000",
                Status = InspectorStatus.OnDuty,
                CertificateValidTo = new DateOnly(2028, 1, 1),
                RecusalScope = random.Next(100) < 15 ? [.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => targets[random.Next(targets.Length)].CreditCode)] : [],
            })], [])).ToArray();
        var request = new AssignmentRequest
        {
            TaskNumber = "BENCH",
            Targets = targets,
            Departments = departments,
            WindowStart = new DateOnly(2025, 5, 1),
            WindowEnd = new DateOnly(2025, 10, 31),
        };
        var seed = SHA256.HashData("ssj-bench-assign"u8);

        InspectorAssigner.Assign(request with { Targets = targets[..Math.Min(1000, targets.Length)] }, seed); // warm-up
        var watch = Stopwatch.StartNew();
        var result = InspectorAssigner.Assign(request, seed);
        var engine = watch.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  engine   {engine.TotalMilliseconds,8:F0} ms  ({result.Assignments.Count:N0} assignments, {result.Uncovered.Count} uncovered, caps {string.Join("/", result.Loads.Select(l => l.Cap))}, max {string.Join("/", result.Loads.Select(l => l.MaxAssigned))})"));

        watch.Restart();
        var (filled, open) = Greedy(request);
        var greedy = watch.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  baseline {greedy.TotalMilliseconds,8:F0} ms  (greedy round-robin: {filled:N0} slots filled, {open:N0} left open)"));

        using var self = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {greedy / engine:F2}x vs greedy-round-robin (engine {engine.TotalMilliseconds:F0} ms, complete={result.Complete}, vs greedy {greedy.TotalMilliseconds:F0} ms with {open:N0} open slots; 2 x {departments.Length} departments x {targetCount:N0} targets, roster {rosterSize:N0}; peak working set {self.PeakWorkingSet64 / (1024 * 1024):N0} MiB)"));
        return result.Complete ? 0 : 1;
    }

    private static (long Filled, long Open) Greedy(AssignmentRequest request)
    {
        long filled = 0, open = 0;
        foreach (var department in request.Departments)
        {
            var roster = department.Roster;
            var recusal = roster.Select(i => i.RecusalScope.ToHashSet(StringComparer.Ordinal)).ToArray();
            var cap = (int)Math.Ceiling(request.Targets.Count * 2.0 / roster.Count);
            var load = new int[roster.Count];
            var next = 0;
            foreach (var target in request.Targets)
            {
                var got = 0;
                var first = -1;
                for (var tries = 0; tries < roster.Count && got < 2; tries++)
                {
                    var i = next;
                    next = (next + 1) % roster.Count;
                    if (load[i] < cap && i != first && !recusal[i].Contains(target.CreditCode))
                    {
                        load[i]++;
                        first = i;
                        got++;
                    }
                }

                filled += got;
                open += 2 - got;
            }
        }

        return (filled, open);
    }
}
