using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Exchange;

/// <summary>A partner that takes case leads (案源线索) raised from results that found a problem.</summary>
public interface ICaseLeadSink
{
    string Partner { get; }

    /// <summary>Whether a result's outcome calls for a case lead.</summary>
    bool RaisesLead(InspectionResult result);

    /// <summary>Raises the lead; idempotent, so a retry returns the same lead number.</summary>
    Task<PartnerReceipt> RaiseLeadAsync(InspectionResult result, string targetName, CancellationToken cancellationToken);
}
