using System.Globalization;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Mappings.Supervision;

/// <summary>
/// Canonical → SUP: results (<c>POST /results</c>, idempotent on task, target and department) and drawn tasks
/// (<c>POST /tasks</c>) with their warning light, the one rule every system shows (YJDJ G/Y/R).
/// </summary>
public sealed class SupervisionPublisher(SupClient client) : IResultSink
{
    /// <summary>SUP's outcome codes (shared with FX): 01-09, 99 other.</summary>
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

    public string Partner => SupClient.Partner;

    public static string Light(WarningLight light) => light switch
    {
        WarningLight.Yellow => "Y",
        WarningLight.Red => "R",
        _ => "G",
    };

    public static JObject ToWire(InspectionResult result, string targetName)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JObject
        {
            ["RWBH"] = result.TaskNumber,
            ["TYSHXYDM"] = result.TargetCreditCode,
            ["QYMC"] = targetName,
            ["BMBM"] = result.DepartmentCode,
            ["JCJG"] = Outcomes[result.Outcome],
            ["WTMS"] = result.Findings,
            ["JCFS"] = ((int)result.Method).ToString(CultureInfo.InvariantCulture),
            ["JCRQ"] = result.InspectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["JCRY"] = new JArray(result.InspectorCertificateNumbers),
            ["LRRQ"] = result.EnteredOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        };
    }

    /// <summary>A drawn task with its targets and, per target, each department's inspectors.</summary>
    public static JObject ToWire(InspectionTask task, IReadOnlyList<(string CreditCode, string Name, IReadOnlyList<(string Department, IReadOnlyList<string> Certificates)> Inspectors)> targets)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(targets);
        return new JObject
        {
            ["RWBH"] = task.TaskNumber,
            ["JHBM"] = task.PlanCode,
            ["RWMC"] = task.Name,
            ["FQBM"] = task.InitiatingDepartmentCode,
            ["PHBM"] = new JArray(task.CooperatingDepartmentCodes),
            ["KSRQ"] = task.WindowStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["JSRQ"] = task.WindowEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["CQCN"] = task.SeedCommitment ?? "",
            ["YJDJ"] = Light(task.WarningLight),
            ["DXQD"] = new JArray(targets.Select(t => new JObject
            {
                ["TYSHXYDM"] = t.CreditCode,
                ["QYMC"] = t.Name,
                ["ZFRY"] = new JArray(t.Inspectors.Select(i => new JObject { ["BMBM"] = i.Department, ["ZFZH"] = new JArray(i.Certificates) })),
            })),
        };
    }

    /// <summary>A drawn task as SUP takes it: each drawn target with, per department, the inspectors assigned to it.</summary>
    public static JObject ToWire(TaskDrawn drawn)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        var targets = drawn.Draw.Targets.Select(t => (t.CreditCode, t.Name, (IReadOnlyList<(string Department, IReadOnlyList<string> Certificates)>)[.. drawn.Assignments
            .Where(a => a.CreditCode == t.CreditCode).Select(a => (a.DepartmentCode, a.CertificateNumbers))])).ToList();
        return ToWire(drawn.Task, targets);
    }

    public async Task<PartnerReceipt> PublishResultAsync(InspectionResult result, string targetName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var data = await client.PostAsync("results", ToWire(result, targetName), cancellationToken);
        return new PartnerReceipt($"{result.TaskNumber}|{result.TargetCreditCode}|{result.DepartmentCode}", (bool?)data["duplicate"] ?? false);
    }

    /// <summary>A plan as SUP reviews it (POST /plans): ratio as "10%", frequency as "1次/年", methods as a comma list.</summary>
    public static JObject ToWire(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new JObject
        {
            ["JHBM"] = plan.Code,
            ["JHMC"] = plan.Name,
            ["ND"] = plan.Year.ToString(CultureInfo.InvariantCulture),
            ["FQBM"] = plan.InitiatingDepartmentCode,
            ["PHBM"] = new JArray(plan.Participants.Select(p => new JObject { ["BMBM"] = p.DepartmentCode, ["SXBM"] = new JArray(p.ItemCodes) })),
            ["DXFW"] = plan.TargetScope,
            ["CCBL"] = plan.RatioPercent.ToString("0.##", CultureInfo.InvariantCulture) + "%",
            ["CCPC"] = ((int)plan.Frequency).ToString(CultureInfo.InvariantCulture) + "次/年",
            ["KSYF"] = plan.StartMonth.ToString(CultureInfo.InvariantCulture),
            ["JSYF"] = plan.EndMonth.ToString(CultureInfo.InvariantCulture),
            ["JCFS"] = string.Join(',', plan.Methods.Select(m => ((int)m).ToString(CultureInfo.InvariantCulture))),
        };
    }

    /// <summary>Submits a plan for review; SUP answers its review state (0 pending).</summary>
    public Task<JToken> SubmitPlanAsync(Plan plan, CancellationToken cancellationToken) => client.PostAsync("plans", ToWire(plan), cancellationToken);

    /// <summary>Sends a drawn task (with its light) to SUP.</summary>
    public Task<JToken> PublishTaskAsync(JObject taskWire, CancellationToken cancellationToken) => client.PostAsync("tasks", taskWire, cancellationToken);
}
