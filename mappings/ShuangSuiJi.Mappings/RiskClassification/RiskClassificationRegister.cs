using System.Globalization;
using ShuangSuiJi.Adapters.RiskClassification;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.RiskClassification;

/// <summary>FX rows → canonical risk assessments; canonical results → FX's feedback records.</summary>
public static class RiskClassificationRegister
{
    public const string FullExchange = "FX/export/full";
    public const string IncrementalExchange = "FX/export/incr";

    public static PulledRecord<RiskAssessment> ToCanonical(FxGradeRow row, string exchange, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(row);
        var errors = new List<FieldError>();
        var check = Uscc.Check(row.CreditCode);
        if (!check.IsValid)
        {
            errors.Add(new FieldError(nameof(RiskAssessment.CreditCode), $"'{row.CreditCode}' {check.Reason}"));
        }

        var removed = row.ChangeType == "删除";
        RiskGrade? grade = null;
        if (row.Grade.Length > 0 && !removed)
        {
            if (RiskClassificationCodes.TryGrade(row.Grade, out var g))
            {
                grade = g;
            }
            else
            {
                errors.Add(new FieldError(nameof(RiskAssessment.Grade), $"'{row.Grade}' is not one of {string.Join("、", RiskClassificationCodes.Grades.Keys)}"));
            }
        }

        if (!DateOnly.TryParseExact(row.ClassifiedOn, ["yyyy/M/d", "yyyy-MM-dd", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var classified))
        {
            errors.Add(new FieldError(nameof(RiskAssessment.ClassifiedOn), $"'{row.ClassifiedOn}' is not a date (yyyy/M/d)"));
        }

        decimal? score = null;
        if (row.Score.Length > 0)
        {
            if (decimal.TryParse(row.Score, NumberStyles.Number, CultureInfo.InvariantCulture, out var s) && s is >= 0 and <= 100 && decimal.Round(s, 2) == s)
            {
                score = s;
            }
            else
            {
                errors.Add(new FieldError(nameof(RiskAssessment.Score), $"'{row.Score}' is not a score 0-100 with at most two decimals"));
            }
        }

        if (row.ChangeType is { } change && change is not ("新增" or "变更" or "删除"))
        {
            errors.Add(new FieldError("ChangeType", $"'{change}' is not 新增, 变更 or 删除"));
        }

        var record = errors.Count > 0 ? null : new RiskAssessment
        {
            CreditCode = row.CreditCode,
            Name = row.Name,
            Grade = grade,
            ClassifiedOn = classified,
            Score = score,
            Removed = removed,
            Provenance = new Provenance(FxClient.Partner, exchange, receivedAt),
        };
        return new PulledRecord<RiskAssessment>(record, row.CreditCode, $"line {row.Line}", row.Raw, errors);
    }

    public static FxResult ToWire(InspectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new FxResult
        {
            CreditCode = result.TargetCreditCode,
            TaskNumber = result.TaskNumber,
            DepartmentCode = result.DepartmentCode,
            OutcomeCode = RiskClassificationCodes.Outcomes[result.Outcome],
            CheckDate = result.InspectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
