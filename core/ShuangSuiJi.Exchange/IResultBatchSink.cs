using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Exchange;

/// <summary>A partner that takes results in batches and answers per record, at once or later under a ticket.</summary>
public interface IResultBatchSink
{
    string Partner { get; }

    /// <summary>Results per call the partner accepts.</summary>
    int BatchSize { get; }

    /// <param name="results">At most <see cref="BatchSize"/>.</param>
    /// <param name="batchKey">Stable across retries of the same group; partners that dedupe batches key on it.</param>
    /// <returns>The partner's answer: per result taken or refused, or a ticket for the results it processes later.</returns>
    Task<BatchAnswer> PublishResultsAsync(IReadOnlyList<ResultRecorded> results, string batchKey, CancellationToken cancellationToken);
}
