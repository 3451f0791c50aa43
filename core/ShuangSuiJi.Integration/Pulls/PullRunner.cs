using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Integration.Logging;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Pulls;

/// <summary>What one run of a pull did.</summary>
public sealed record PullRun(string Resource, string? From, string? To, PullCounts Counts, string Status, string? Error);

/// <summary>
/// Runs a scheduled pull (the Hangfire job): reads its watermark, pulls and stores chunk by chunk, then — only when
/// everything up to the end is stored — moves the watermark on. A crash mid-pull leaves the watermark where it was;
/// the next run re-reads from there and the unchanged records cost nothing, so nothing is lost and nothing doubles.
/// </summary>
public sealed partial class PullRunner(
    HubDbContextFactory stores, IEnumerable<PullResource> resources, PullWriter writer, ExchangeLog log, IOptions<ExchangeOptions> options, TimeProvider clock,
    ILogger<PullRunner> logger)
{
    private readonly Dictionary<string, PullResource> _resources = resources.ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<PullResource> Resources => _resources.Values;

    /// <summary>The Hangfire entry point; one run of a resource at a time across every hub.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(string resource, CancellationToken cancellationToken)
    {
        var run = await PullAsync(resource, fromWatermark: null, cancellationToken);
        if (run.Error is not null)
        {
            throw new InvalidOperationException($"Pull {resource} failed: {run.Error}");
        }
    }

    /// <summary>Runs a pull now; <paramref name="fromWatermark"/> replays from an earlier point instead of the stored watermark.</summary>
    /// <exception cref="KeyNotFoundException">No such resource.</exception>
    public async Task<PullRun> PullAsync(string resource, string? fromWatermark, CancellationToken cancellationToken)
    {
        if (!_resources.TryGetValue(resource, out var pull))
        {
            throw new KeyNotFoundException($"No pull resource '{resource}'; there are: {string.Join(", ", _resources.Keys.Order(StringComparer.Ordinal))}.");
        }

        var from = fromWatermark ?? await ReadWatermarkAsync(pull.Name, cancellationToken);
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        using var capture = ExchangeCapture.Begin();
        PullRun run;
        try
        {
            var (counts, next) = await pull.RunAsync(from, writer, clock, TimeSpan.FromSeconds(options.Value.WatermarkOverlapSeconds), cancellationToken);
            await WriteWatermarkAsync(pull.Name, next, cancellationToken);
            run = new PullRun(pull.Name, from, next, counts, counts.Rejected > 0 ? "partial" : "ok", null);
            LogPulled(pull.Name, counts.Accepted, counts.Rejected, counts.Changed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            run = new PullRun(pull.Name, from, from, new PullCounts(0, 0, 0), "failed", ex.Message);
            LogPullFailed(ex, pull.Name);
        }

        await log.WriteAsync(new ExchangeLogEntry
        {
            Partner = pull.Partner,
            Kind = pull.Kind,
            Direction = ExchangeDirection.Inbound,
            Operation = pull.Name,
            CorrelationId = $"{pull.Name}@{started:O}",
            Reference = from,
            Status = run.Status,
            Attempts = 1,
            StartedAt = started,
            DurationMs = (int)watch.ElapsedMilliseconds,
            Accepted = run.Counts.Accepted,
            Rejected = run.Counts.Rejected,
            Request = capture.Requests,
            Response = capture.Responses,
            Error = run.Error,
        }, CancellationToken.None);
        return run;
    }

    public async Task<string?> ReadWatermarkAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        return await db.Watermarks.AsNoTracking().Where(w => w.Name == name).Select(w => w.Value).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task WriteWatermarkAsync(string name, string value, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var mark = await db.Watermarks.FirstOrDefaultAsync(w => w.Name == name, cancellationToken);
        if (mark is null)
        {
            db.Watermarks.Add(new Watermark { Name = name, Value = value, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            mark.Value = value;
            mark.UpdatedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled {Resource}: {Accepted} accepted, {Rejected} rejected, {Changed} changed")]
    private partial void LogPulled(string resource, int accepted, int rejected, int changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pull {Resource} failed; its watermark stays")]
    private partial void LogPullFailed(Exception ex, string resource);
}
