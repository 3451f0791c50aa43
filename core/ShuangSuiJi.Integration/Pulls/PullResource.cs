using System.Globalization;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Integration.Pulls;

/// <summary>One scheduled pull: a partner's resource, its watermark and its default schedule.</summary>
public abstract class PullResource
{
    /// <summary><c>PARTNER/resource</c>, the recurring job's id and the watermark's name.</summary>
    public abstract string Name { get; }

    public abstract string Partner { get; }

    public abstract string Kind { get; }

    /// <summary>The schedule when configuration names none (cron, China time).</summary>
    public abstract string DefaultCron { get; }

    /// <summary>Pulls what changed since <paramref name="watermark"/> and returns the counts and the next watermark.</summary>
    public abstract Task<(PullCounts Counts, string Next)> RunAsync(string? watermark, PullWriter writer, TimeProvider clock, TimeSpan overlap, CancellationToken cancellationToken);
}

/// <summary>A pull of records changed since an instant; the next watermark is the run's start less an overlap.</summary>
public sealed class SincePull<T>(string name, string partner, string defaultCron, KindStore<T> kind, Func<DateTimeOffset?, CancellationToken, IAsyncEnumerable<PulledRecord<T>>> pull)
    : PullResource
    where T : class, ICanonicalRecord
{
    public override string Name => name;

    public override string Partner => partner;

    public override string Kind => kind.Kind;

    public override string DefaultCron => defaultCron;

    public override async Task<(PullCounts Counts, string Next)> RunAsync(string? watermark, PullWriter writer, TimeProvider clock, TimeSpan overlap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(clock);
        DateTimeOffset? since = watermark is null ? null : DateTimeOffset.Parse(watermark, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        var started = clock.GetUtcNow();
        var counts = await writer.WriteAsync(partner, name, pull(since, cancellationToken), kind, cancellationToken);
        return (counts, (started - overlap).ToOffset(ChinaTime.Offset).ToString("o", CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A risk partner's grades: the full export (<c>{P}/full</c>, weekly: every grade as of today) or the increments
/// (<c>{P}/changes</c>, daily: changes since the last run's date). Either way the watermark is the run's date.
/// </summary>
public sealed class RiskPull(IRiskAssessmentSource source, bool full, string defaultCron) : PullResource
{
    private readonly RiskAssessmentKindStore _kind = new();

    public override string Name => $"{source.Partner}/{(full ? "full" : "changes")}";

    public override string Partner => source.Partner;

    public override string Kind => _kind.Kind;

    public override string DefaultCron => defaultCron;

    public override async Task<(PullCounts Counts, string Next)> RunAsync(string? watermark, PullWriter writer, TimeProvider clock, TimeSpan overlap, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var today = ChinaTime.Today(clock);
        var since = watermark is null ? today.AddDays(-1) : DateOnly.ParseExact(watermark, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var records = full ? source.PullFullAsync(today, cancellationToken) : source.PullChangesAsync(since, cancellationToken);
        var counts = await writer.WriteAsync(source.Partner, Name, records, _kind, cancellationToken);
        return (counts, today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
