using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Exchange;

/// <summary>A partner that supplies credit-risk grades, as full exports (millions of rows, streamed) or increments.</summary>
public interface IRiskAssessmentSource
{
    string Partner { get; }

    /// <summary>The full classification as of <paramref name="date"/>, streamed row by row.</summary>
    IAsyncEnumerable<PulledRecord<RiskAssessment>> PullFullAsync(DateOnly date, CancellationToken cancellationToken);

    /// <summary>Changes since <paramref name="since"/>, removals included.</summary>
    IAsyncEnumerable<PulledRecord<RiskAssessment>> PullChangesAsync(DateOnly since, CancellationToken cancellationToken);
}
