using System.Globalization;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;

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
        string S(string name) => (string?)json[name] ?? "";
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
        var orgs = (json["orgs"] as JArray ?? []).Select(v => (string?)v ?? "").ToList();
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

        if (json["ratio"] is not null && (decimal?)json["ratio"] is not (> 0 and <= 1))
        {
            errors.Add(new FieldError("Ratio", $"ratio '{json["ratio"]}' is not a share in (0, 1]"));
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
}
