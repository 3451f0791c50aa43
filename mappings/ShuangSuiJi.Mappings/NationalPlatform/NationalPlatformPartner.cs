using System.Globalization;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.NationalPlatform;

/// <summary>
/// ZJ: results, drawn tasks and approved plans reported nationally in asynchronous batches, each answered with a
/// ticket the hub's batch ticket poll follows through <see cref="PollAsync"/>. ZJ keys departments by their own unified
/// social credit code (the event carries it, from the department directory); a record whose department has none is
/// refused before sending.
/// </summary>
public sealed class NationalPlatformPartner(ZjClient client) : IResultBatchSink, IBatchTicketPoller
{
    public string Partner => ZjClient.Partner;

    int IResultBatchSink.BatchSize => ZjClient.MaxRecords;

    /// <summary>A RESULT batch numbered from <paramref name="batchKey"/>, which stays the same across retries: ZJ answers a repeat with the ticket it already gave.</summary>
    public Task<BatchAnswer> PublishResultsAsync(IReadOnlyList<ResultRecorded> results, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return ReportAsync("RESULT", [.. results.Select(ToWire)], batchKey, cancellationToken);
    }

    /// <summary>A ticket's state: PENDING, PROCESSING, DONE, PARTIAL or FAILED; the refused records by their position in the batch as sent.</summary>
    /// <exception cref="PartnerException">ZJ answered a status the contract does not know (polled again next run).</exception>
    public async Task<TicketStatus> PollAsync(string ticket, CancellationToken cancellationToken)
    {
        var status = await client.GetTicketAsync(ticket, cancellationToken);
        var progress = status.Status switch
        {
            "PENDING" => TicketProgress.Pending,
            "PROCESSING" => TicketProgress.Processing,
            "DONE" => TicketProgress.Done,
            "PARTIAL" => TicketProgress.Partial,
            "FAILED" => TicketProgress.Failed,
            _ => throw new PartnerException(Partner, "ticket", "unknown-status", $"ticket {ticket} has status '{status.Status}', not one the contract names", retryable: true),
        };
        return new TicketStatus(progress, status.Accepted, [.. status.Errors.Select(e => new TicketError(e.Index, e.Code, e.Message))]);
    }

    /// <summary>A result as a RESULT record, or why it cannot be sent (its department has no credit code).</summary>
    public static (JObject? Record, string? Refusal) ToWire(ResultRecorded recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return recorded.DepartmentCreditCode is { } org
            ? (ToWire(recorded.Result, org), null)
            : (null, $"department {recorded.Result.DepartmentCode} has no unified social credit code in the directory (ZJ keys departments by it)");
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

    /// <summary>
    /// Records of one kind up in one batch, numbered <paramref name="batchKey"/>-0001 (the same across retries: ZJ answers
    /// a batch number it knows with the ticket it already gave). Returns the ticket, and the records refused before
    /// sending; the others went out in their order, which is how the ticket's errors number them. Does not wait for
    /// ZJ to process the batch: the batch ticket poll does.
    /// </summary>
    public async Task<BatchAnswer> ReportAsync(string batchType, IReadOnlyList<(JObject? Record, string? Refusal)> wire, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wire);
        var refusals = wire.Select(w => w.Refusal).ToList();
        var sendable = wire.Where(w => w.Record is not null).Select(w => w.Record!).ToList();
        if (sendable.Count == 0)
        {
            return BatchAnswer.Answered(refusals);
        }

        var (ticket, _) = await client.SubmitAsync(batchType, $"{batchKey}-0001", new JArray(sendable), cancellationToken);
        return new BatchAnswer(ticket, refusals);
    }

    /// <summary>Drawn tasks up as a TASK batch numbered from <paramref name="batchKey"/>.</summary>
    public Task<BatchAnswer> ReportTasksAsync(IReadOnlyList<TaskDrawn> tasks, string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return ReportAsync("TASK", [.. tasks.Select(ToWire)], batchKey, cancellationToken);
    }

    /// <summary>Approved plans up as a PLAN batch numbered from <paramref name="batchKey"/>.</summary>
    public Task<BatchAnswer> ReportPlansAsync(IReadOnlyList<PlanApproved> plans, string batchKey, CancellationToken cancellationToken)
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
}
