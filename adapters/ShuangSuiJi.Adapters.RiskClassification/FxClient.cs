using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Exchange;
using Sylvan.Data.Csv;

namespace ShuangSuiJi.Adapters.RiskClassification;

/// <summary>
/// The typed client of FX. Exports are streamed: the response body is read as it arrives, un-gzipped (by the
/// Content-Encoding header or the gzip magic bytes), decoded as GB18030 (or the declared charset) and parsed row by
/// row, so a ten-million-row file never sits in memory.
/// </summary>
public sealed class FxClient(HttpClient http)
{
    public const string Partner = "FX";

    private static readonly string[] Columns = ["统一社会信用代码", "企业名称", "风险等级", "分类日期", "综合得分"];

    static FxClient() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public IAsyncEnumerable<FxGradeRow> FullExportAsync(DateOnly date, CancellationToken cancellationToken) =>
        ExportAsync(string.Create(CultureInfo.InvariantCulture, $"export/full?date={date:yyyyMMdd}"), "export/full", cancellationToken);

    public IAsyncEnumerable<FxGradeRow> IncrementalExportAsync(DateOnly since, CancellationToken cancellationToken) =>
        ExportAsync(string.Create(CultureInfo.InvariantCulture, $"export/incr?since={since:yyyyMMdd}"), "export/incr", cancellationToken);

    private async IAsyncEnumerable<FxGradeRow> ExportAsync(string path, string operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PartnerException(Partner, operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                response.ReasonPhrase ?? "", retryable: (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests);
        }

        var encoding = response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"')) : null;
        await using var raw = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var row in ReadExportAsync(raw, encoding, response.Content.Headers.ContentEncoding.Contains("gzip"), operation, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Parses an export body as FX sends it — plain or gzip (by <paramref name="declaredGzip"/> or the magic bytes),
    /// in <paramref name="encoding"/> (GB18030 when <see langword="null"/>) — row by row. Also used for files
    /// (<c>ssj map</c>).
    /// </summary>
    public static async IAsyncEnumerable<FxGradeRow> ReadExportAsync(Stream raw, Encoding? encoding, bool declaredGzip, string operation, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        await using var body = await UnzipAsync(raw, declaredGzip, cancellationToken);
        using var text = new StreamReader(body, encoding ?? Encoding.GetEncoding("GB18030"), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        await using var csv = await CsvDataReader.CreateAsync(text, new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16 }, cancellationToken);
        for (var c = 0; c < Columns.Length; c++)
        {
            if (c >= csv.FieldCount || csv.GetName(c).Trim() != Columns[c])
            {
                throw new PartnerException(Partner, operation, "header", $"column {c + 1} should be {Columns[c]}, the file has '{(c < csv.FieldCount ? csv.GetName(c) : "")}'");
            }
        }

        var hasChange = csv.FieldCount > 5;
        long line = 1;
        while (await csv.ReadAsync(cancellationToken))
        {
            line++;
            string Field(int i) => i < csv.RowFieldCount ? csv.GetString(i) : "";
            var rawLine = string.Join(",", Enumerable.Range(0, csv.RowFieldCount).Select(i => csv.GetString(i)));
            yield return new FxGradeRow(line, Field(0).Trim(), Field(1), Field(2).Trim(), Field(3).Trim(), Field(4).Trim(), hasChange ? Field(5).Trim() : null, rawLine);
        }
    }

    /// <summary>The body, un-gzipped when the header says so or the bytes start with gzip's magic number.</summary>
    private static async Task<Stream> UnzipAsync(Stream raw, bool declared, CancellationToken cancellationToken)
    {
        var buffered = new BufferedStream(raw, 1 << 16);
        var magic = new byte[2];
        var read = await buffered.ReadAsync(magic, cancellationToken);
        var prefixed = new PrefixedStream(magic.AsMemory(0, read), buffered);
        return declared || (read == 2 && magic[0] == 0x1f && magic[1] == 0x8b) ? new GZipStream(prefixed, CompressionMode.Decompress) : prefixed;
    }

    /// <summary>Posts up to 1,000 results; partial success is normal and every refusal comes back by index.</summary>
    public async Task<BatchReceipt> PostResultsAsync(IReadOnlyList<FxResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var content = new StringContent(JsonConvert.SerializeObject(results), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/inspection-results", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PartnerException(Partner, "inspection-results", ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body,
                retryable: (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests);
        }

        JObject answer;
        try
        {
            answer = JObject.Parse(body);
        }
        catch (JsonReaderException ex)
        {
            throw new PartnerException(Partner, "inspection-results", "malformed", $"the answer is not JSON: {ex.Message}", retryable: true, ex);
        }

        var rejected = (answer["rejected"] as JArray ?? []).Select(r => ((int?)r["index"] ?? -1, (string?)r["reason"] ?? "")).ToList();
        return new BatchReceipt((int?)answer["accepted"] ?? results.Count - rejected.Count, rejected);
    }

    /// <summary>A stream that first replays a few bytes already read (for sniffing) and then continues with the rest.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_prefix.Length > 0)
            {
                var n = Math.Min(buffer.Length, _prefix.Length);
                _prefix.Span[..n].CopyTo(buffer);
                _prefix = _prefix[n..];
                return n;
            }

            return rest.Read(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_prefix.Length > 0)
            {
                return Read(buffer.Span);
            }

            return await rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
