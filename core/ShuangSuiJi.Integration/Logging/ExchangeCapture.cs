using System.Net.Http.Headers;
using System.Text;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Integration.Logging;

/// <summary>
/// Collects the HTTP requests and responses an exchange makes, for its log entry. Opened around a pull or a
/// delivery; the <see cref="ExchangeCaptureHandler"/> on every partner client records into the open capture.
/// API bodies are kept up to <see cref="MaxBody"/> characters each, exports only noted, ID and phone numbers masked.
/// </summary>
public sealed class ExchangeCapture : IDisposable
{
    public const int MaxBody = 16 * 1024;
    private const int MaxKept = 64 * 1024;

    private static readonly AsyncLocal<ExchangeCapture?> Current = new();
    private readonly ExchangeCapture? _outer;
    private readonly StringBuilder _requests = new();
    private readonly StringBuilder _responses = new();

    private ExchangeCapture()
    {
        _outer = Current.Value;
        Current.Value = this;
    }

    /// <summary>Opens a capture for the current async flow.</summary>
    public static ExchangeCapture Begin() => new();

    internal static ExchangeCapture? Active => Current.Value;

    public string Requests => _requests.ToString();

    public string Responses => _responses.ToString();

    internal void Add(string request, string response)
    {
        lock (_requests)
        {
            Append(_requests, request);
            Append(_responses, response);
        }
    }

    public void Dispose() => Current.Value = _outer;

    private static void Append(StringBuilder kept, string text)
    {
        if (kept.Length >= MaxKept)
        {
            return;
        }

        kept.Append(SensitiveText.Mask(text)).Append('\n');
    }

    internal static async Task<string> BodyAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return "";
        }

        // Paged API bodies (JSON, XML, forms) are small whatever their framing: buffered, so the adapter still reads
        // them whole afterwards, and kept up to MaxBody. Exports (CSV, archives) may be millions of rows and are read
        // as streams: never buffered, only noted.
        var length = content.Headers.ContentLength;
        if (!IsPagedText(content.Headers.ContentType) || content.Headers.ContentEncoding.Count > 0)
        {
            return $"[{content.Headers.ContentType?.MediaType ?? "body"}, {(length is { } l ? $"{l} bytes" : "streamed")}, not kept]";
        }

        await content.LoadIntoBufferAsync(cancellationToken);
        var text = await content.ReadAsStringAsync(cancellationToken);
        return text.Length <= MaxBody ? text : $"{text[..MaxBody]}… [{text.Length} characters, the first {MaxBody} kept]";
    }

    private static bool IsPagedText(MediaTypeHeaderValue? type) =>
        type?.MediaType is { } m && (m.Contains("json", StringComparison.OrdinalIgnoreCase) || m.Contains("xml", StringComparison.OrdinalIgnoreCase)
            || m.Contains("form-urlencoded", StringComparison.OrdinalIgnoreCase) || m.Equals("text/plain", StringComparison.OrdinalIgnoreCase));
}

/// <summary>Records each request and response into the open <see cref="ExchangeCapture"/>, if any.</summary>
public sealed class ExchangeCaptureHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var capture = ExchangeCapture.Active;
        if (capture is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var requestText = $"{request.Method} {request.RequestUri}\n{await ExchangeCapture.BodyAsync(request.Content, cancellationToken)}";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            capture.Add(requestText, $"{(int)response.StatusCode} {response.ReasonPhrase}\n{await ExchangeCapture.BodyAsync(response.Content, cancellationToken)}");
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            capture.Add(requestText, $"(no response: {ex.Message})");
            throw;
        }
    }
}
