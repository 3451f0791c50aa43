using System.Runtime.CompilerServices;
using ShuangSuiJi.Adapters.RiskClassification;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.RiskClassification;

/// <summary>FX as a source of grades (streamed exports) and a taker of results (batches of at most 1,000, partial success).</summary>
public sealed class RiskClassificationPartner(FxClient client, TimeProvider timeProvider) : IRiskAssessmentSource, IResultBatchSink
{
    /// <summary>FX takes at most 1,000 results per call.</summary>
    public const int MaxBatch = 1000;

    int IResultBatchSink.BatchSize => MaxBatch;

    /// <summary>FX feedback (the contract has no idempotency key: a batch resent after a crash is resent whole).</summary>
    public async Task<BatchAnswer> PublishResultsAsync(IReadOnlyList<ResultRecorded> results, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return BatchAnswer.Answered(await PublishResultsAsync([.. results.Select(r => r.Result)], MaxBatch, cancellationToken));
    }

    public string Partner => FxClient.Partner;

    public async IAsyncEnumerable<PulledRecord<RiskAssessment>> PullFullAsync(DateOnly date, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in client.FullExportAsync(date, cancellationToken))
        {
            yield return RiskClassificationRegister.ToCanonical(row, RiskClassificationRegister.FullExchange, timeProvider.GetUtcNow());
        }
    }

    public async IAsyncEnumerable<PulledRecord<RiskAssessment>> PullChangesAsync(DateOnly since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in client.IncrementalExportAsync(since, cancellationToken))
        {
            yield return RiskClassificationRegister.ToCanonical(row, RiskClassificationRegister.IncrementalExchange, timeProvider.GetUtcNow());
        }
    }

    /// <summary>
    /// Sends results in batches of <paramref name="batchSize"/>; returns, per result, <see langword="null"/> when FX took it
    /// or FX's reason when it refused it — to be kept, shown and retried after a fix, never dropped.
    /// </summary>
    public async Task<IReadOnlyList<string?>> PublishResultsAsync(IReadOnlyList<InspectionResult> results, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var outcome = new string?[results.Count];
        for (var start = 0; start < results.Count; start += batchSize)
        {
            var batch = results.Skip(start).Take(batchSize).Select(RiskClassificationRegister.ToWire).ToList();
            var receipt = await client.PostResultsAsync(batch, cancellationToken);
            foreach (var (index, reason) in receipt.Rejected)
            {
                if (index >= 0 && index < batch.Count)
                {
                    outcome[start + index] = reason.Length > 0 ? reason : "refused without a reason";
                }
            }
        }

        return outcome;
    }
}
