using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ShuangSuiJi.Adapters.RiskClassification;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Mappings.RiskClassification;
using Sylvan.Data.Csv;

namespace ShuangSuiJi.Benchmarks;

/// <summary>
/// Streams an N-row FX full export (gzip, GB18030) through the FX client and the mapping to canonical risk
/// assessments, against raw CSV parsing of the same file (gunzip, decode, split fields, nothing else) in the same
/// run. The file is written to disk first, streamed from the generator; the client reads it through an in-memory
/// HTTP handler serving the file as a stream, so what is measured is the adapter and mapping, not a socket.
/// </summary>
internal static class FxExportBenchmark
{
    public const string Name = "fx-export";

    public static async Task<int> RunAsync(long rows, TextWriter output, CancellationToken cancellationToken)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb18030 = Encoding.GetEncoding("GB18030");
        var path = Path.Combine(Path.GetTempPath(), $"ssj-fx-{Guid.NewGuid():N}.csv.gz");
        try
        {
            var watch = Stopwatch.StartNew();
            await using (var file = File.Create(path))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            await using (var writer = new StreamWriter(gzip, gb18030))
            {
                await writer.WriteAsync("统一社会信用代码,企业名称,风险等级,分类日期,综合得分\r\n");
                string[] grades = ["", "信用风险低（A类）", "信用风险一般（B类）", "信用风险较高（C类）", "信用风险高（D类）"];
                foreach (var t in new ProvinceGenerator(new GeneratorOptions { TargetCount = rows }).Targets())
                {
                    var name = t.Name.Contains(',', StringComparison.Ordinal) ? $"\"{t.Name}\"" : t.Name;
                    await writer.WriteAsync($"{t.CreditCode},{name},{grades[t.RiskGrade is { } g ? (int)g : 0]},2025/2/28,{(t.CreditCode[^1] % 70) + 30}.5\r\n");
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: set-up: wrote {rows:N0} rows, {new FileInfo(path).Length / (1024 * 1024.0):F1} MiB gzip, in {watch.Elapsed.TotalSeconds:F1} s"));

            GC.Collect();
            watch.Restart();
            long raw = 0;
            await using (var file = File.OpenRead(path))
            await using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            using (var text = new StreamReader(gzip, gb18030))
            await using (var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true }, cancellationToken))
            {
                while (await csv.ReadAsync(cancellationToken))
                {
                    for (var i = 0; i < csv.RowFieldCount; i++)
                    {
                        _ = csv.GetString(i);
                    }

                    raw++;
                }
            }

            var rawTime = watch.Elapsed;
            GC.Collect();
            var before = Process.GetCurrentProcess().PeakWorkingSet64;
            watch.Restart();
            using var http = new HttpClient(new FileHandler(path)) { BaseAddress = new Uri("http://fx.invalid/fxfl/") };
            var partner = new RiskClassificationPartner(new FxClient(http, Microsoft.Extensions.Options.Options.Create(new FxOptions())), TimeProvider.System);
            long accepted = 0, refused = 0;
            await foreach (var record in partner.PullFullAsync(new DateOnly(2025, 2, 28), cancellationToken))
            {
                if (record.Accepted)
                {
                    accepted++;
                }
                else
                {
                    refused++;
                }
            }

            var mappedTime = watch.Elapsed;
            using var self = Process.GetCurrentProcess();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw CSV parse     {raw / rawTime.TotalSeconds,12:N0} rows/s ({rawTime.TotalSeconds:F1} s)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  adapter+mapping   {(accepted + refused) / mappedTime.TotalSeconds,12:N0} records/s ({mappedTime.TotalSeconds:F1} s; {accepted:N0} accepted, {refused:N0} refused)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: {(accepted + refused) / mappedTime.TotalSeconds / (raw / rawTime.TotalSeconds):F2}x vs raw-csv-parse (adapter+mapping {(accepted + refused) / mappedTime.TotalSeconds:N0} records/s vs {raw / rawTime.TotalSeconds:N0} rows/s; {rows:N0} rows gzip GB18030; peak working set {self.PeakWorkingSet64 / (1024 * 1024):N0} MiB, {before / (1024 * 1024):N0} MiB before the adapter ran)"));
            return 0;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Serves the export file as FX would: streamed, gzip-encoded, GB18030.</summary>
    private sealed class FileHandler(string path) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(File.OpenRead(path), 1 << 16);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "GB18030" };
            content.Headers.ContentEncoding.Add("gzip");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
