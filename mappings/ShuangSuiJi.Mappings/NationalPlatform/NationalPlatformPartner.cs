using System.Globalization;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.NationalPlatform;

/// <summary>
/// ZJ: results reported nationally in asynchronous batches. ZJ keys departments by their own unified social credit
/// code, so the caller passes the department code → credit code crosswalk (from the department directory); a result
/// whose department has none is refused before sending.
/// </summary>
public sealed class NationalPlatformPartner(ZjClient client) : IResultBatchSink
{
    public string Partner => ZjClient.Partner;

    int IResultBatchSink.BatchSize => ZjClient.MaxRecords;

    /// <summary>A RESULT batch numbered from <paramref name="batchKey"/>, which stays the same across retries: ZJ answers a repeat with the ticket it already gave.</summary>
    public Task<IReadOnlyList<string?>> PublishResultsAsync(IReadOnlyList<ResultRecorded> results, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var crosswalk = results.Where(r => r.DepartmentCreditCode is not null)
            .GroupBy(r => r.Result.DepartmentCode).ToDictionary(g => g.Key, g => g.First().DepartmentCreditCode!);
        return ReportResultsAsync([.. results.Select(r => r.Result)], crosswalk, batchKey, cancellationToken);
    }

    public static readonly IReadOnlyDictionary<ResultOutcome, string> Outcomes = new Dictionary<ResultOutcome, string>
    {
        [ResultOutcome.NoProblemFound] = "100",
        [ResultOutcome.InformationNotPublicised] = "210",
        [ResultOutcome.UnreachableAtRegisteredAddress] = "220",
        [ResultOutcome.SeriouslyUncooperative] = "230",
        [ResultOutcome.NoBusinessActivityUnderCheck] = "240",
        [ResultOutcome.ProblemOrderedToCorrect] = "310",
        [ResultOutcome.ProblemPendingInvestigation] = "320",
        [ResultOutcome.Qualified] = "410",
        [ResultOutcome.Unqualified] = "420",
        [ResultOutcome.Other] = "900",
    };

    /// <summary>A drawn task as a TASK record: its departments by their credit codes, the drawn targets, the seed commitment.</summary>
    /// <returns>The record, or why it cannot be sent (a department without a credit code).</returns>
    public static (JObject? Record, string? Refusal) ToWire(TaskDrawn drawn)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        var task = drawn.Task;
        var departments = task.CooperatingDepartmentCodes.Prepend(task.InitiatingDepartmentCode).Distinct().ToList();
        var missing = departments.Where(d => drawn.DepartmentCreditCodes?.ContainsKey(d) != true).ToList();
        if (missing.Count > 0)
        {
            return (null, $"department(s) {string.Join(", ", missing)} have no unified social credit code in the directory (ZJ keys departments by it)");
        }

        return (new JObject
        {
            ["task_no"] = task.TaskNumber,
            ["plan_code"] = task.PlanCode,
            ["orgs"] = new JArray(departments.Select(d => drawn.DepartmentCreditCodes![d])),
            ["start_date"] = task.WindowStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["end_date"] = task.WindowEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["target_count"] = drawn.Draw.Targets.Count,
            ["targets"] = new JArray(drawn.Draw.Targets.Select(t => new JObject { ["uscc"] = t.CreditCode })),
            ["seed_commitment"] = drawn.Draw.SeedCommitment,
        }, null);
    }

    /// <summary>An approved plan as a PLAN record: departments by credit code, ratio as a decimal (0.05 for 5%).</summary>
    public static (JObject? Record, string? Refusal) ToWire(PlanApproved approved)
    {
        ArgumentNullException.ThrowIfNull(approved);
        var plan = approved.Plan;
        var joint = plan.Participants.Select(p => p.DepartmentCode).Where(d => d != plan.InitiatingDepartmentCode).Distinct().ToList();
        var missing = joint.Prepend(plan.InitiatingDepartmentCode).Where(d => !approved.DepartmentCreditCodes.ContainsKey(d)).ToList();
        if (missing.Count > 0)
        {
            return (null, $"department(s) {string.Join(", ", missing)} have no unified social credit code in the directory (ZJ keys departments by it)");
        }

        return (new JObject
        {
            ["plan_code"] = plan.Code,
            ["plan_name"] = plan.Name,
            ["year"] = plan.Year,
            ["lead_org"] = approved.DepartmentCreditCodes[plan.InitiatingDepartmentCode],
            ["joint_orgs"] = new JArray(joint.Select(d => approved.DepartmentCreditCodes[d])),
            ["item_codes"] = new JArray(plan.Participants.SelectMany(p => p.ItemCodes).Distinct()),
            ["ratio"] = plan.RatioPercent / 100m,
            ["frequency_per_year"] = (int)plan.Frequency,
            ["start_month"] = plan.StartMonth,
            ["end_month"] = plan.EndMonth,
        }, null);
    }

    /// <summary>Records of one kind up in one batch numbered from <paramref name="batchKey"/>; per record, null or why it was refused.</summary>
    public async Task<IReadOnlyList<string?>> ReportAsync(string batchType, IReadOnlyList<(JObject? Record, string? Refusal)> wire, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var outcome = wire.Select(w => w.Refusal).ToArray();
        var sendable = Enumerable.Range(0, wire.Count).Where(i => wire[i].Record is not null).ToList();
        if (sendable.Count == 0)
        {
            return outcome;
        }

        var (ticket, _) = await client.SubmitAsync(batchType, $"{batchKey}-0001", new JArray(sendable.Select(i => wire[i].Record!)), cancellationToken);
        var status = await client.WaitAsync(ticket, cancellationToken);
        foreach (var i in sendable)
        {
            outcome[i] = status.Status == "FAILED" ? $"batch {ticket} failed as a whole" : null;
        }

        foreach (var (index, code, message) in status.Errors.Where(e => e.Index >= 0 && e.Index < sendable.Count))
        {
            outcome[sendable[index]] = $"{code} {message}";
        }

        return outcome;
    }

    /// <summary>Drawn tasks up as TASK batches numbered from <paramref name="batchKey"/>; per task, null or why it was refused.</summary>
    public Task<IReadOnlyList<string?>> ReportTasksAsync(IReadOnlyList<TaskDrawn> tasks, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return ReportAsync("TASK", [.. tasks.Select(ToWire)], batchKey, cancellationToken);
    }

    /// <summary>Approved plans up as PLAN batches numbered from <paramref name="batchKey"/>; per plan, null or why it was refused.</summary>
    public Task<IReadOnlyList<string?>> ReportPlansAsync(IReadOnlyList<PlanApproved> plans, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return ReportAsync("PLAN", [.. plans.Select(ToWire)], batchKey, cancellationToken);
    }

    public static JObject ToWire(InspectionResult result, string orgCreditCode)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JObject
        {
            ["task_no"] = result.TaskNumber,
            ["uscc"] = result.TargetCreditCode,
            ["org_code"] = orgCreditCode,
            ["result_code"] = Outcomes[result.Outcome],
            ["check_date"] = result.InspectedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["method_code"] = ((int)result.Method).ToString("00", CultureInfo.InvariantCulture),
            ["publicised_date"] = result.PublicisedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Reports results in batches of at most 5,000 (<paramref name="batchPrefix"/>-0001, -0002 … so a re-run finds its
    /// tickets), waits for each ticket, and returns per result <see langword="null"/> (accepted) or why it was refused —
    /// to keep and resend after a fix.
    /// </summary>
    public async Task<IReadOnlyList<string?>> ReportResultsAsync(
        IReadOnlyList<InspectionResult> results, IReadOnlyDictionary<string, string> departmentCreditCodes, string batchPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(departmentCreditCodes);
        var outcome = new string?[results.Count];
        var sendable = new List<int>();
        for (var i = 0; i < results.Count; i++)
        {
            if (departmentCreditCodes.TryGetValue(results[i].DepartmentCode, out _))
            {
                sendable.Add(i);
            }
            else
            {
                outcome[i] = $"department {results[i].DepartmentCode} has no unified social credit code in the directory (ZJ keys departments by it)";
            }
        }

        var batch = 0;
        foreach (var chunk in sendable.Chunk(ZjClient.MaxRecords))
        {
            batch++;
            var records = new JArray(chunk.Select(i => ToWire(results[i], departmentCreditCodes[results[i].DepartmentCode])));
            var (ticket, _) = await client.SubmitAsync("RESULT", string.Create(CultureInfo.InvariantCulture, $"{batchPrefix}-{batch:0000}"), records, cancellationToken);
            var status = await client.WaitAsync(ticket, cancellationToken);
            if (status.Status == "FAILED")
            {
                foreach (var i in chunk)
                {
                    outcome[i] = $"batch {ticket} failed as a whole";
                }

                continue;
            }

            foreach (var (index, code, message) in status.Errors.Where(e => e.Index >= 0 && e.Index < chunk.Length))
            {
                outcome[chunk[index]] = $"{code} {message}";
            }
        }

        return outcome;
    }
}
