using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Mappings.Supervision;

/// <summary>SUP's kinds as files (contracts/SUP.md): the GET resources in, as pages or arrays; results, plans and drawn tasks out, one POST per record.</summary>
public static class SupervisionWireMappings
{
    private const string BasePath = "/xzxf/api/v1/";

    public static IEnumerable<WireMapping> All =>
    [
        In("departments", "GET /departments → Department", SupervisionRegister.Department),
        In("users", "GET /users → User", SupervisionRegister.User),
        In("items", "GET /items (抽查事项) → InspectionItem", SupervisionRegister.Item),
        In("inspectors", "GET /inspectors → Inspector (ID numbers masked)", SupervisionRegister.Inspector),
        In("plans", "GET /plans (with the review SHZT/SHYJ) → Plan", SupervisionRegister.Plan),
        In("results", "GET /results → InspectionResult", SupervisionRegister.Result),
        In("evaluations", "GET /evaluations → Evaluation", SupervisionRegister.Evaluation),
        In("tasks", "GET /tasks (ZT status, YJDJ light) → TaskProgress", SupervisionRegister.TaskProgress),
        Out<ResultRecorded>("results", "ResultRecorded → POST /results", r => SupervisionPublisher.ToWire(r.Result, r.TargetName)),
        Out<Plan>("plans", "Plan → POST /plans (for review)", SupervisionPublisher.ToWire),
        Out<TaskDrawn>("tasks", "TaskDrawn → POST /tasks (targets, inspectors, commitment, warning light)", SupervisionPublisher.ToWire),
    ];

    private static WireMapping In<T>(string kind, string description, Func<JObject, string, CanonicalValidator, PulledRecord<T>> map)
        where T : class => new()
        {
            Partner = SupClient.Partner,
            Kind = kind,
            Direction = WireDirection.In,
            Extension = "json",
            Description = description,
            ReadAsync = (payload, context, _) =>
            {
                var validator = new CanonicalValidator(ChinaTime.Today(context.Clock));
                var records = WirePayload.Records(payload, "data.list", "list");
                return Task.FromResult<IReadOnlyList<MappedRecord>>([.. records.Select((json, i) => MappedRecord.From(map(json, $"record {i + 1}", validator)))]);
            },
        };

    /// <summary>SUP takes one record per POST; a file holds them as an array.</summary>
    private static WireMapping Out<T>(string kind, string description, Func<T, JObject> toWire) => new()
    {
        Partner = SupClient.Partner,
        Kind = kind,
        Direction = WireDirection.Out,
        Extension = "json",
        Description = description,
        Render = (canonical, _) => new RenderedWire(WirePayload.Indented(new JArray(CanonicalJson.ReadArray<T>(canonical).Select(toWire))), []),
        Replay = new WireReplay(BasePath, (services, configuration) => services.AddSupervisionAdapter(configuration), (services, wire, ct) => PostEachAsync(services, kind, wire, ct)),
    };

    private static async Task<ReplayOutcome> PostEachAsync(IServiceProvider services, string resource, string wire, CancellationToken cancellationToken)
    {
        var client = services.GetRequiredService<SupClient>();
        var lines = new List<string>();
        var refused = 0;
        var records = WirePayload.Records(System.Text.Encoding.UTF8.GetBytes(wire));
        for (var i = 0; i < records.Count; i++)
        {
            try
            {
                var data = await client.PostAsync(resource, records[i], cancellationToken);
                var duplicate = data is JObject o && (bool?)o["duplicate"] == true;
                lines.Add($"record {i + 1}: {(duplicate ? "taken before (duplicate)" : "taken")} {data.ToString(Newtonsoft.Json.Formatting.None)}");
            }
            catch (PartnerException ex)
            {
                refused++;
                lines.Add($"record {i + 1}: {(ex.Retryable ? "failed" : "refused")} {ex.PartnerCode} {ex.PartnerMessage}");
            }
        }

        return new ReplayOutcome(lines, refused);
    }
}
