using System.Globalization;

namespace ShuangSuiJi.Planning;

/// <summary>How a plan import is written to the audit trail, the same from the hub's upload and from <c>ssj plan import</c>.</summary>
public static class PlanImportAudit
{
    /// <summary>Refused: lines were refused and nothing was saved.</summary>
    public static bool Refused(PlanImportOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Result.HasRefusals && outcome.Saved.Count == 0;
    }

    /// <summary>The figures of the import and the plans it saved.</summary>
    public static string Detail(PlanImportOutcome outcome, bool save)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var result = outcome.Result;
        var saved = save ? $"; saved {string.Join(", ", outcome.Saved.Select(s => $"{s.PlanCode} ({s.Tasks.Count} task(s))"))}" : "; read only (not saved)";
        return string.Create(CultureInfo.InvariantCulture, $"{result.Plans.Count} plan(s), {result.Findings.Count} finding(s), {result.Findings.Count(f => f.Refused)} refused{(save && outcome.Saved.Count == 0 ? "; saved none" : saved)}");
    }
}
