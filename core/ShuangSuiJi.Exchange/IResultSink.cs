using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Exchange;

/// <summary>What a partner answered to a push: its own id for the record, and whether it already had it.</summary>
/// <param name="PartnerId">The partner's identifier (for example GS's notice id).</param>
/// <param name="Duplicate">The partner already held this record (an idempotent repeat), which is success too.</param>
public sealed record PartnerReceipt(string PartnerId, bool Duplicate);

/// <summary>A partner that takes inspection results (to publicise, re-grade or follow up).</summary>
public interface IResultSink
{
    string Partner { get; }

    /// <param name="result">The canonical result.</param>
    /// <param name="targetName">The target's registered name, which partners print with the result.</param>
    Task<PartnerReceipt> PublishResultAsync(InspectionResult result, string targetName, CancellationToken cancellationToken);
}
