namespace ShuangSuiJi.Cli.Partners;

/// <summary>
/// The innermost handler of <c>ssj replay</c>: prints each request as it goes on the wire (after the adapter signed it)
/// and the response as it came back. Bearer tokens are shortened and token requests' forms (credentials) are not shown.
/// </summary>
internal sealed class RecordingHandler(TextWriter output) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await output.WriteLineAsync($"> {request.Method} {request.RequestUri}");
        foreach (var (name, values) in request.Headers)
        {
            var value = string.Join(", ", values);
            await output.WriteLineAsync($"> {name}: {(name == "Authorization" && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value[..Math.Min(value.Length, 13)] + "…" : value)}");
        }

        if (request.Content is { } content)
        {
            var form = content.Headers.ContentType?.MediaType == "application/x-www-form-urlencoded";
            await output.WriteLineAsync(form ? "> (form with credentials, not shown)" : "> " + await content.ReadAsStringAsync(cancellationToken));
        }

        var response = await base.SendAsync(request, cancellationToken);
        await output.WriteLineAsync($"< {(int)response.StatusCode} {response.ReasonPhrase}");
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        await output.WriteLineAsync("< " + (body.Contains("access_token", StringComparison.Ordinal) || body.Contains("<token>", StringComparison.Ordinal) ? "(token, not shown)" : body));
        return response;
    }
}
