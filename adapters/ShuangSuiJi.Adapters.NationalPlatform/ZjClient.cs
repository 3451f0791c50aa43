using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Adapters.NationalPlatform;

/// <summary>A ticket's state: PENDING, PROCESSING, DONE, PARTIAL or FAILED, with the refused records by index.</summary>
public sealed record ZjTicketStatus(string Ticket, string Status, int Accepted, IReadOnlyList<(int Index, string Code, string Message)> Errors)
{
    public bool Finished => Status is "DONE" or "PARTIAL" or "FAILED";
}

/// <summary>One page of <c>GET /tasks</c>: the tasks as sent and the cursor to the next page (null on the last).</summary>
public sealed record ZjTaskPage(IReadOnlyList<JObject> Items, string? NextCursor);

/// <summary>A task as ZJ sent it, with the page (from 1) and the position on the page (from 1) it came at.</summary>
public sealed record ZjPulledTask(JObject Json, int Page, int Index);

/// <summary>
/// The typed client of ZJ: batches of at most 5,000 records go up asynchronously and come back as tickets (the same
/// batch_no again answers the existing ticket), polled one by one (<see cref="GetTicketAsync"/>, the hub's batch ticket
/// poll) or waited for until DONE, PARTIAL or FAILED (<see cref="WaitAsync"/>, a replay by hand); 429 is waited out for its
/// Retry-After; the pipeline paces requests under ZJ's 5 per second. National and cross-province tasks come down by
/// cursor paging, page after page until <c>next_cursor</c> is null.
/// </summary>
public sealed class ZjClient(HttpClient http, IOptions<ZjOptions> options, TimeProvider timeProvider)
{
    public const string Partner = "ZJ";
    public const int MaxRecords = 5000;

    /// <summary>Submits a batch; returns its ticket and whether ZJ already had the batch.</summary>
    public async Task<(string Ticket, bool Existing)> SubmitAsync(string batchType, string batchNo, JArray records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count > MaxRecords)
        {
            throw new ArgumentException($"ZJ takes at most {MaxRecords} records a batch; split {records.Count}.", nameof(records));
        }

        var body = new JObject { ["batch_type"] = batchType, ["province"] = options.Value.Province, ["batch_no"] = batchNo, ["records"] = records }.ToString(Formatting.None);
        var (status, text) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "batches") { Content = new StringContent(body, Encoding.UTF8, "application/json") }, "batches", cancellationToken);
        var ticket = (string?)JObject.Parse(text)["ticket"] ?? throw new PartnerException(Partner, "batches", "no-ticket", "the answer has no ticket");
        return (ticket, status == HttpStatusCode.OK);
    }

    public async Task<ZjTicketStatus> GetTicketAsync(string ticket, CancellationToken cancellationToken)
    {
        var (_, text) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"batches/{Uri.EscapeDataString(ticket)}"), "ticket", cancellationToken);
        var json = JObject.Parse(text);
        var errors = (json["errors"] as JArray ?? []).Select(e => ((int?)e["index"] ?? -1, (string?)e["code"] ?? "", (string?)e["message"] ?? "")).ToList();
        return new ZjTicketStatus(ticket, (string?)json["status"] ?? "", (int?)json["accepted"] ?? 0, errors);
    }

    /// <summary>Polls a ticket every <see cref="ZjOptions.PollSeconds"/> until it is finished.</summary>
    public async Task<ZjTicketStatus> WaitAsync(string ticket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await GetTicketAsync(ticket, cancellationToken);
            if (status.Finished)
            {
                return status;
            }

            await Task.Delay(TimeSpan.FromSeconds(options.Value.PollSeconds), timeProvider, cancellationToken);
        }
    }

    /// <summary>One page of the province's national and cross-province tasks, from <paramref name="cursor"/> (null: the first page).</summary>
    public async Task<ZjTaskPage> GetTasksPageAsync(string? cursor, CancellationToken cancellationToken)
    {
        var query = $"tasks?province={Uri.EscapeDataString(options.Value.Province)}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}";
        var (_, text) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, query), "tasks", cancellationToken);
        JObject json;
        try
        {
            json = JObject.Parse(text);
        }
        catch (JsonReaderException ex)
        {
            throw new PartnerException(Partner, "tasks", "malformed", $"the page is not JSON: {ex.Message}", retryable: true);
        }

        if (json["items"] is not JArray items)
        {
            throw new PartnerException(Partner, "tasks", "malformed", "the page has no items array", retryable: true);
        }

        var next = (string?)json["next_cursor"];
        return new ZjTaskPage([.. items.Select(i => i as JObject ?? new JObject { ["value"] = i })], string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>
    /// Every task, streamed page by page (a page is read only when the previous one is consumed) until <c>next_cursor</c>
    /// is null. The list has no <c>updatedSince</c>: each call reads it whole. A cursor ZJ repeats is an error, not a loop.
    /// </summary>
    public async IAsyncEnumerable<ZjPulledTask> ReadTasksAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        var page = 0;
        do
        {
            var result = await GetTasksPageAsync(cursor, cancellationToken);
            page++;
            for (var i = 0; i < result.Items.Count; i++)
            {
                yield return new ZjPulledTask(result.Items[i], page, i + 1);
            }

            cursor = result.NextCursor;
            if (cursor is not null && !seen.Add(cursor))
            {
                throw new PartnerException(Partner, "tasks", "cursor-loop", $"next_cursor '{cursor}' was already followed");
            }
        }
        while (cursor is not null);
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(Func<HttpRequestMessage> create, string operation, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = create();
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < 5)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                await Task.Delay(wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait, timeProvider, cancellationToken);
                continue;
            }

            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted)
            {
                return (response.StatusCode, body);
            }

            throw new PartnerException(Partner, operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), body,
                retryable: (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests);
        }
    }
}
