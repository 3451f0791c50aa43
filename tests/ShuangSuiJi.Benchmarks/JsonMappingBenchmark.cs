using System.Diagnostics;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Mappings.Supervision;

namespace ShuangSuiJi.Benchmarks;

/// <summary>
/// SUP's result pages mapped to validated canonical records, the way the results pull does it (the page read token by
/// token by <see cref="SupPageReader"/> into <see cref="SupResultWire"/>, then <see cref="SupervisionRegister"/>),
/// against plain Newtonsoft deserialisation of the same page texts into typed wire objects, in the same run. The pages
/// are built in memory first, so no I/O is measured.
/// </summary>
internal static class JsonMappingBenchmark
{
    public const string Name = "json-mapping";

    public static int Run(int records, TextWriter output)
    {
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = Math.Max(1000, records) });
        var today = ChinaTime.Today(TimeProvider.System);
        var validator = new CanonicalValidator(today);
        var targets = generator.Targets().Take(records).ToList();
        var resultPages = Pages(targets.Select((t, i) => SupervisionPublisher.ToWire(new InspectionResult
        {
            TaskNumber = string.Create(CultureInfo.InvariantCulture, $"RW{today.Year}-360103-{i % 500:0000}"),
            TargetCreditCode = t.CreditCode,
            DepartmentCode = "360103-SCJG",
            Outcome = (ResultOutcome)((i % 9) + 1),
            Findings = i % 3 == 0 ? "发现问题，已责令整改" : "",
            InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
            Method = CheckMethod.OnSite,
            InspectedOn = today.AddDays(-(i % 30)),
            EnteredOn = today,
            Provenance = new Provenance("bench", "bench", TimeProvider.System.GetUtcNow()),
        }, t.Name)).Select(j => { j["GXSJ"] = "2025-06-12 10:00:00"; return j; }));
        output.WriteLine($"{targets.Count} SUP results in {resultPages.Count} pages of 500 ({resultPages.Sum(p => p.Length) / 1024 / 1024} MiB of JSON)");

        var (rawResults, mappedResults) = Measure(resultPages, validator, output);
        var ratio = mappedResults / rawResults;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {ratio:F2}x the time of plain Newtonsoft deserialisation (SUP results; {targets.Count / mappedResults:F0} vs {targets.Count / rawResults:F0} records/s; goal under 1.5x)"));
        return 0;
    }

    private static (double Raw, double Mapped) Measure(List<string> pages, CanonicalValidator validator, TextWriter output)
    {
        double best = double.MaxValue, bestMapped = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            var count = 0;
            foreach (var page in pages)
            {
                count += JsonConvert.DeserializeObject<SupEnvelope<SupResultWire>>(page)!.Data.List.Count;
            }

            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            watch.Restart();
            var accepted = 0;
            foreach (var page in pages)
            {
                var envelope = SupPageReader.Read(page, Mappings.Supervision.SupResultWire.Read);
                if (envelope.Code != "0000")
                {
                    throw new InvalidOperationException($"the page answers {envelope.Code}");
                }

                foreach (var wire in envelope.List)
                {
                    accepted += SupervisionRegister.Result(wire, "page", validator).Accepted ? 1 : 0;
                }
            }

            bestMapped = Math.Min(bestMapped, watch.Elapsed.TotalSeconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: raw {count} in {best:F3} s best, mapped {accepted} accepted in {bestMapped:F3} s best"));
        }

        return (best, bestMapped);
    }

    private static List<string> Pages(IEnumerable<JObject> records)
    {
        var pages = new List<string>();
        foreach (var chunk in records.Chunk(500))
        {
            var envelope = new JObject
            {
                ["code"] = "0000",
                ["msg"] = "成功",
                ["data"] = new JObject { ["total"] = 0, ["pageNo"] = pages.Count + 1, ["pageSize"] = 500, ["list"] = new JArray(chunk) },
            };
            pages.Add(envelope.ToString(Formatting.None));
        }

        return pages;
    }

    private sealed class SupEnvelope<T>
    {
        [JsonProperty("code")] public string Code { get; set; } = "";

        [JsonProperty("msg")] public string Msg { get; set; } = "";

        [JsonProperty("data")] public SupPageWire<T> Data { get; set; } = new();
    }

    private sealed class SupPageWire<T>
    {
        [JsonProperty("total")] public long Total { get; set; }

        [JsonProperty("pageNo")] public int PageNo { get; set; }

        [JsonProperty("pageSize")] public int PageSize { get; set; }

        [JsonProperty("list")] public List<T> List { get; set; } = [];
    }

    /// <summary>A SUP result exactly as the contract names its fields, nothing checked.</summary>
    private sealed class SupResultWire
    {
        [JsonProperty("RWBH")] public string Rwbh { get; set; } = "";

        [JsonProperty("TYSHXYDM")] public string Tyshxydm { get; set; } = "";

        [JsonProperty("QYMC")] public string Qymc { get; set; } = "";

        [JsonProperty("BMBM")] public string Bmbm { get; set; } = "";

        [JsonProperty("JCJG")] public string Jcjg { get; set; } = "";

        [JsonProperty("WTMS")] public string Wtms { get; set; } = "";

        [JsonProperty("JCFS")] public string Jcfs { get; set; } = "";

        [JsonProperty("JCRQ")] public string Jcrq { get; set; } = "";

        [JsonProperty("JCRY")] public List<string> Jcry { get; set; } = [];

        [JsonProperty("LRRQ")] public string Lrrq { get; set; } = "";

        [JsonProperty("GXSJ")] public string Gxsj { get; set; } = "";
    }
}
