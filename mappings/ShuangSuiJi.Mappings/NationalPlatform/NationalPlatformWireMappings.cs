using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.NationalPlatform;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Mappings.NationalPlatform;

/// <summary>
/// ZJ's kinds as files (contracts/ZJ.md): national tasks down (a page of <c>GET /tasks</c>); PLAN, TASK and RESULT batches out, one batch per file, numbered
/// <c>{province}-{TYPE}-{yyyyMMdd}-0001</c> so a replay the same day finds its ticket again. ZJ keys departments by
/// their own credit code: a record whose department has none is refused before it is rendered.
/// </summary>
public static class NationalPlatformWireMappings
{
    public static IEnumerable<WireMapping> All =>
    [
        new()
        {
            Partner = ZjClient.Partner,
            Kind = "tasks",
            Aliases = ["TASK"],
            Direction = WireDirection.In,
            Extension = "json",
            Description = "GET /tasks (national and cross-province tasks, a page with items and next_cursor) → InspectionTask (departments by credit code)",
            ReadAsync = (payload, context, _) =>
            {
                var validator = new CanonicalValidator(ChinaTime.Today(context.Clock));
                return Task.FromResult<IReadOnlyList<MappedRecord>>([.. WirePayload.Records(payload, "items").Select((json, i) =>
                    MappedRecord.From(NationalPlatformRegister.Task(json, $"item {i + 1}", validator, context.Clock.GetUtcNow())))]);
            },
        },
        Batch<ResultRecorded>("results", "RESULT", "ResultRecorded → POST /batches, batch_type RESULT (org_code by the department's credit code)", r =>
            r.DepartmentCreditCode is { Length: > 0 } org
                ? (NationalPlatformPartner.ToWire(r.Result, org), null)
                : (null, $"department {r.Result.DepartmentCode} has no unified social credit code (ZJ keys departments by it)")),
        Batch<TaskDrawn>("tasks", "TASK", "TaskDrawn → POST /batches, batch_type TASK (orgs by credit code, targets, seed commitment)", NationalPlatformPartner.ToWire),
        Batch<PlanApproved>("plans", "PLAN", "PlanApproved → POST /batches, batch_type PLAN (lead and joint orgs by credit code, ratio as a decimal)", NationalPlatformPartner.ToWire),
    ];

    private static WireMapping Batch<T>(string kind, string batchType, string description, Func<T, (JObject? Record, string? Refusal)> toWire) => new()
    {
        Partner = ZjClient.Partner,
        Kind = kind,
        Aliases = [batchType],
        Direction = WireDirection.Out,
        Extension = "json",
        Description = description,
        Render = (canonical, context) =>
        {
            var wire = CanonicalJson.ReadArray<T>(canonical).Select(toWire).ToList();
            var batchNo = string.Create(CultureInfo.InvariantCulture, $"{context.Province}-{batchType}-{ChinaTime.Today(context.Clock):yyyyMMdd}-0001");
            var batch = new JObject
            {
                ["batch_type"] = batchType,
                ["province"] = context.Province,
                ["batch_no"] = batchNo,
                ["records"] = new JArray(wire.Where(w => w.Record is not null).Select(w => w.Record)),
            };
            return new RenderedWire(WirePayload.Indented(batch), [.. wire.Select((w, i) => (i, w.Refusal)).Where(x => x.Refusal is not null).Select(x => (x.i, x.Refusal!))]);
        },
        Replay = new WireReplay("/samr/dsj/v2/", (services, configuration) => services.AddNationalPlatformAdapter(configuration), async (services, wire, ct) =>
        {
            var client = services.GetRequiredService<ZjClient>();
            var batch = JObject.Parse(wire);
            var type = (string?)batch["batch_type"] ?? batchType;
            var batchNo = (string?)batch["batch_no"] ?? throw new InvalidOperationException("The batch has no batch_no.");
            var records = batch["records"] as JArray ?? [];
            var lines = new List<string>();
            try
            {
                var (ticket, existing) = await client.SubmitAsync(type, batchNo, records, ct);
                lines.Add($"batch {batchNo} ({type}, {records.Count} records): ticket {ticket}{(existing ? " (the batch was known: existing ticket, 200)" : " (202)")}");
                var status = await client.WaitAsync(ticket, ct);
                lines.Add($"ticket {ticket}: {status.Status}, {status.Accepted} accepted, {status.Errors.Count} refused");
                lines.AddRange(status.Errors.Select(e => $"record {e.Index + 1}: refused {e.Code} {e.Message}"));
                return new ReplayOutcome(lines, status.Status == "FAILED" ? records.Count : status.Errors.Count);
            }
            catch (PartnerException ex)
            {
                lines.Add($"batch {batchNo}: {(ex.Retryable ? "failed" : "refused")} {ex.PartnerCode} {ex.PartnerMessage}");
                return new ReplayOutcome(lines, records.Count);
            }
        }),
    };
}
