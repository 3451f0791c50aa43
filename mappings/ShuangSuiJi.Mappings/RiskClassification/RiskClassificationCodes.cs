using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Mappings.RiskClassification;

/// <summary>FX's grade texts and the SUP/FX outcome codes ↔ canonical values (contracts/FX.md, contracts/README.md).</summary>
public static class RiskClassificationCodes
{
    public static readonly IReadOnlyDictionary<string, RiskGrade> Grades = new Dictionary<string, RiskGrade>
    {
        ["信用风险低（A类）"] = RiskGrade.A,
        ["信用风险一般（B类）"] = RiskGrade.B,
        ["信用风险较高（C类）"] = RiskGrade.C,
        ["信用风险高（D类）"] = RiskGrade.D,
    };

    public static readonly IReadOnlyDictionary<ResultOutcome, string> Outcomes = new Dictionary<ResultOutcome, string>
    {
        [ResultOutcome.NoProblemFound] = "01",
        [ResultOutcome.InformationNotPublicised] = "02",
        [ResultOutcome.UnreachableAtRegisteredAddress] = "03",
        [ResultOutcome.SeriouslyUncooperative] = "04",
        [ResultOutcome.NoBusinessActivityUnderCheck] = "05",
        [ResultOutcome.ProblemOrderedToCorrect] = "06",
        [ResultOutcome.ProblemPendingInvestigation] = "07",
        [ResultOutcome.Qualified] = "08",
        [ResultOutcome.Unqualified] = "09",
        [ResultOutcome.Other] = "99",
    };

    /// <summary>The grade a text names: exact, or by its letter when the brackets or spacing differ (（A类） vs (A类)).</summary>
    public static bool TryGrade(string text, out RiskGrade grade)
    {
        if (Grades.TryGetValue(text, out grade))
        {
            return true;
        }

        var normalised = text.Replace('(', '（').Replace(')', '）').Replace(" ", "", StringComparison.Ordinal);
        if (Grades.TryGetValue(normalised, out grade))
        {
            return true;
        }

        grade = default;
        return false;
    }

    public static string Text(RiskGrade grade) => Grades.First(p => p.Value == grade).Key;
}
