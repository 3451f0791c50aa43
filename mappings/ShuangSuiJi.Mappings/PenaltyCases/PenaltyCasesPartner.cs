using System.Globalization;
using System.Runtime.CompilerServices;
using ShuangSuiJi.Adapters.PenaltyCases;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.PenaltyCases;

/// <summary>
/// CF: case leads from results that found a problem (outcomes 06, 07 and unqualified 09, as CF's contract says), and
/// the penalty decisions that follow, pulled by cursor and linked back by task and target.
/// </summary>
public sealed class PenaltyCasesPartner(CfClient client, TimeProvider timeProvider) : ICaseLeadSink, IRecordSource<CaseDecision>
{
    private static readonly string[] PenaltyKinds = ["WARNING", "FINE", "CONFISCATION", "SUSPENSION", "REVOCATION"];

    public string Partner => CfClient.Partner;

    public bool RaisesLead(InspectionResult result) => RaisesLeadFor(result);

    /// <summary>Whether a result raises a case lead: outcomes 06, 07 and unqualified 09, as CF's contract says.</summary>
    public static bool RaisesLeadFor(InspectionResult? result) =>
        result?.Outcome is ResultOutcome.ProblemOrderedToCorrect or ResultOutcome.ProblemPendingInvestigation or ResultOutcome.Unqualified;

    public static CfClue ToWire(InspectionResult result, string targetName)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new CfClue
        {
            TaskNo = result.TaskNumber,
            Uscc = result.TargetCreditCode,
            EntName = targetName,
            DepartmentCode = result.DepartmentCode,
            Problem = result.Findings.Length > 0 ? result.Findings : "检查发现问题",
            DiscoveredOn = result.InspectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            InspectorCertNos = result.InspectorCertificateNumbers,
        };
    }

    public async Task<PartnerReceipt> RaiseLeadAsync(InspectionResult result, string targetName, CancellationToken cancellationToken)
    {
        if (!RaisesLead(result))
        {
            throw new ArgumentException($"Outcome {result.Outcome} does not raise a case lead (only 06, 07 and 09 do).", nameof(result));
        }

        var (id, duplicate) = await client.PostClueAsync(ToWire(result, targetName), cancellationToken);
        return new PartnerReceipt(id, duplicate);
    }

    public async IAsyncEnumerable<PulledRecord<CaseDecision>> PullAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var since = updatedSince ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        string? cursor = null;
        var page = 0;
        do
        {
            var result = await client.GetDecisionsAsync(since, cursor, cancellationToken);
            page++;
            for (var i = 0; i < result.Items.Count; i++)
            {
                yield return ToCanonical(result.Items[i], $"page {page}, item {i + 1}", timeProvider.GetUtcNow());
            }

            cursor = result.NextCursor;
        }
        while (cursor is not null);
    }

    public static PulledRecord<CaseDecision> ToCanonical(CfDecision d, string location, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(d);
        var errors = new List<FieldError>();
        if (d.Unreadable is not null)
        {
            errors.Add(new FieldError("item", $"not a decision as the contract shapes it: {d.Unreadable}"));
        }

        if (d.DecisionNo.Length == 0)
        {
            errors.Add(new FieldError(nameof(CaseDecision.DecisionNumber), "decisionNo is empty"));
        }

        if (Uscc.Check(d.Uscc) is { IsValid: false } check)
        {
            errors.Add(new FieldError(nameof(CaseDecision.TargetCreditCode), $"'{d.Uscc}' {check.Reason}"));
        }

        if (!DateOnly.TryParseExact(d.DecidedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var decided))
        {
            errors.Add(new FieldError(nameof(CaseDecision.DecidedOn), $"decidedOn '{d.DecidedOn}' is not yyyy-MM-dd"));
        }

        if (!PenaltyKinds.Contains(d.PenaltyKind))
        {
            errors.Add(new FieldError(nameof(CaseDecision.PenaltyKind), $"penaltyKind '{d.PenaltyKind}' is not one of {string.Join(", ", PenaltyKinds)}"));
        }

        if (d.Status is not ("DECIDED" or "REVOKED"))
        {
            errors.Add(new FieldError(nameof(CaseDecision.Revoked), $"status '{d.Status}' is not DECIDED or REVOKED"));
        }

        decimal? fine = null;
        if (!string.IsNullOrEmpty(d.FineAmount))
        {
            if (decimal.TryParse(d.FineAmount, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            {
                fine = amount;
            }
            else
            {
                errors.Add(new FieldError(nameof(CaseDecision.FineAmount), $"fineAmount '{d.FineAmount}' is not an amount"));
            }
        }

        var record = errors.Count > 0 ? null : new CaseDecision
        {
            DecisionNumber = d.DecisionNo,
            CaseLeadNumber = d.ClueId,
            TaskNumber = d.TaskNo,
            TargetCreditCode = d.Uscc,
            DecidedOn = decided,
            PenaltyKind = d.PenaltyKind,
            FineAmount = fine,
            Revoked = d.Status == "REVOKED",
            Provenance = new Provenance(CfClient.Partner, "CF/decisions", receivedAt),
        };
        return new PulledRecord<CaseDecision>(record, d.DecisionNo, location, d.Raw, errors);
    }
}
