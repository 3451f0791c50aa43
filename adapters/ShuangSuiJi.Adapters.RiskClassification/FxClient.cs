using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Newtonsoft.Json;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Exchange;
using Sylvan.Data.Csv;

namespace ShuangSuiJi.Adapters.RiskClassification;

/// <summary>
/// The typed client of FX. Exports are streamed: the response body is read as it arrives, un-gzipped (by the
/// Content-Encoding header or the gzip magic bytes), decoded as GB18030 (or the declared charset) and parsed row by
/// row, so a ten-million-row file never sits in memory.
/// </summary>
public sealed class FxClient(HttpClient http, IOptions<FxOptions> options)
{
    public const string Partner = "FX";

    /// <summary>Most bytes an export may decompress to, unless configured (<see cref="FxOptions.MaxExportBytes"/>).</summary>
    public const long DefaultMaxExportBytes = 8L << 30;

    /// <summary>Longest line of an export, in characters; a longer one is refused (no row of the contract comes near).</summary>
    public const int MaxLineCharacters = 1 << 20;

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

        var encoding = response.Content.Headers.ContentType?.CharSet is { Length: > 0 } charset ? Charset(charset.Trim('"'), operation) : null;
        await using var raw = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var row in ReadExportAsync(raw, encoding, response.Content.Headers.ContentEncoding.Contains("gzip"), operation, options.Value.MaxExportBytes, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>
    /// Parses an export body as FX sends it — plain or gzip (by <paramref name="declaredGzip"/> or the magic bytes),
    /// in <paramref name="encoding"/> (GB18030 when <see langword="null"/>) — row by row. Also used for files
    /// (<c>ssj map</c>).
    /// </summary>
    public static IAsyncEnumerable<FxGradeRow> ReadExportAsync(Stream raw, Encoding? encoding, bool declaredGzip, string operation, CancellationToken cancellationToken) =>
        ReadExportAsync(raw, encoding, declaredGzip, operation, DefaultMaxExportBytes, cancellationToken);

    /// <summary>
    /// As the other overload, refusing an export that decompresses to more than <paramref name="maxBytes"/> or has a
    /// line longer than <see cref="MaxLineCharacters"/>. A body that is not gzip, CSV or text in its encoding as it
    /// claims ends the export with a <see cref="PartnerException"/> naming the line; the rows before it were yielded.
    /// </summary>
    /// <exception cref="PartnerException">Code <c>header</c>, <c>too-large</c> or <c>malformed</c>, naming the line.</exception>
    public static async IAsyncEnumerable<FxGradeRow> ReadExportAsync(Stream raw, Encoding? encoding, bool declaredGzip, string operation, long maxBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        await using var body = new LimitedStream(await UnzipAsync(raw, declaredGzip, cancellationToken), maxBytes, operation);
        using var text = new StreamReader(body, encoding ?? Encoding.GetEncoding("GB18030"), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var options = new CsvDataReaderOptions { HasHeaders = true, BufferSize = 1 << 16, MaxBufferSize = MaxLineCharacters };
        long line = 1;
        CsvDataReader csv;
        try
        {
            csv = await CsvDataReader.CreateAsync(text, options, cancellationToken);
        }
        catch (Exception ex) when (Unreadable(ex))
        {
            throw Malformed(operation, line, ex);
        }

        await using var reader = csv;
        for (var c = 0; c < Columns.Length; c++)
        {
            if (c >= csv.FieldCount || csv.GetName(c).Trim() != Columns[c])
            {
                throw new PartnerException(Partner, operation, "header", $"column {c + 1} should be {Columns[c]}, the file has '{(c < csv.FieldCount ? csv.GetName(c) : "")}'");
            }
        }

        var hasChange = csv.FieldCount > 5;
        while (true)
        {
            bool more;
            try
            {
                more = await csv.ReadAsync(cancellationToken);
            }
            catch (Exception ex) when (Unreadable(ex))
            {
                throw Malformed(operation, line + 1, ex);
            }

            if (!more)
            {
                break;
            }

            line++;
            string Field(int i) => i < csv.RowFieldCount ? csv.GetString(i) : "";
            var rawLine = string.Join(",", Enumerable.Range(0, csv.RowFieldCount).Select(i => csv.GetString(i)));
            yield return new FxGradeRow(line, Field(0).Trim(), Field(1), Field(2).Trim(), Field(3).Trim(), Field(4).Trim(), hasChange ? Field(5).Trim() : null, rawLine);
        }
    }

    /// <summary>A corrupt gzip stream, a CSV line too long or malformed, or bytes the encoding refuses.</summary>
    private static bool Unreadable(Exception ex) => ex is InvalidDataException or CsvFormatException or DecoderFallbackException;

    private static PartnerException Malformed(string operation, long line, Exception ex) => ex switch
    {
        PartnerException partner => partner,
        CsvRecordTooLargeException => new PartnerException(Partner, operation, "malformed", $"line {line} is longer than {MaxLineCharacters} characters", retryable: false, ex),
        CsvFormatException => new PartnerException(Partner, operation, "malformed", $"line {line} is not CSV: {ex.Message}", retryable: false, ex),
        _ => new PartnerException(Partner, operation, "malformed", $"the export cannot be read at line {line}: {ex.Message}", retryable: false, ex),
    };

    /// <summary>The declared charset, or a refusal naming it.</summary>
    private static Encoding Charset(string name, string operation)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException ex)
        {
            throw new PartnerException(Partner, operation, "charset", $"the export declares charset '{name}', which is not an encoding", retryable: false, ex);
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

    /// <summary>Reads through, and refuses to go past <c>max</c> bytes: the decompressed size limit against gzip bombs.</summary>
    private sealed class LimitedStream(Stream inner, long max, string operation) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

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
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            _read += read;
            return _read <= max ? read
                : throw new PartnerException(Partner, operation, "too-large", $"the export decompresses to more than {max:N0} bytes (Partners:FX:MaxExportBytes); refused as a possible gzip bomb", retryable: false);
        }
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
