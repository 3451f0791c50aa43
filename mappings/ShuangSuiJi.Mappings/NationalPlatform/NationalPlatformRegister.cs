using System.Globalization;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Mappings.NationalPlatform;

/// <summary>
/// ZJ → canonical: national and cross-province tasks (<c>GET /tasks</c>). ZJ keys departments by their own unified
/// social credit code, so the task's departments are those codes (the lead, often SAMR itself, is no department of the
/// province); matching them to the directory is the taker's. The scope (industries, tags, regions) and the ratio stay
/// in the kept payload: the canonical task does not carry them.
/// </summary>
public static class NationalPlatformRegister
{
    public const string TasksExchange = "ZJ/tasks";

    public static PulledRecord<InspectionTask> Task(JObject json, string location, CanonicalValidator validator, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(validator);
        var errors = new List<FieldError>();
        string S(string name) => WireText.Of(json, name, errors);
        DateOnly Date(string name, string field)
        {
            if (DateOnly.TryParseExact(S(name), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors.Add(new FieldError(field, $"{name} '{S(name)}' is not yyyy-MM-dd"));
            return default;
        }

        var lead = S("lead_org");
        var orgs = WireText.List(json["orgs"], "orgs", errors).ToList();
        if (Uscc.Check(lead) is { IsValid: false } leadCheck)
        {
            errors.Add(new FieldError(nameof(InspectionTask.InitiatingDepartmentCode), $"lead_org '{lead}' {leadCheck.Reason}"));
        }

        for (var i = 0; i < orgs.Count; i++)
        {
            if (Uscc.Check(orgs[i]) is { IsValid: false } check)
            {
                errors.Add(new FieldError($"{nameof(InspectionTask.CooperatingDepartmentCodes)}[{i}]", $"orgs[{i}] '{orgs[i]}' {check.Reason}"));
            }
        }

        if (json["ratio"] is not null && Share(json["ratio"]) is not (> 0 and <= 1))
        {
            errors.Add(new FieldError("Ratio", $"ratio '{WireText.Key(json["ratio"])}' is not a share in (0, 1]"));
        }

        var task = new InspectionTask
        {
            TaskNumber = S("task_no"),
            PlanCode = S("plan_code"),
            Name = S("task_name"),
            InitiatingDepartmentCode = lead,
            CooperatingDepartmentCodes = [.. orgs.Where(o => o != lead)],
            WindowStart = Date("start_date", nameof(InspectionTask.WindowStart)),
            WindowEnd = Date("end_date", nameof(InspectionTask.WindowEnd)),
            Provenance = new Provenance(ZjClient.Partner, TasksExchange, receivedAt),
        };
        if (errors.Count == 0)
        {
            errors.AddRange(validator.Validate(task));
        }

        return new PulledRecord<InspectionTask>(errors.Count == 0 ? task : null, task.TaskNumber, location, () => json.ToString(Newtonsoft.Json.Formatting.None), errors);
    }

    /// <summary>A share as a number or numeric text; anything else (an array, an object, text, a number out of range) reads as none.</summary>
    private static decimal? Share(JToken? token) =>
        token is JValue { Value: not null } value
        && decimal.TryParse(Convert.ToString(value.Value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var share)
            ? share : null;
}
