using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.PenaltyCases;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Mappings.PenaltyCases;

/// <summary>CF's kinds as files (contracts/CF.md): case leads out (only outcomes 06, 07 and 09 raise one); penalty decisions in, as a page or an array.</summary>
public static class PenaltyCasesWireMappings
{
    public static IEnumerable<WireMapping> All =>
    [
        new()
        {
            Partner = CfClient.Partner,
            Kind = "decisions",
            Direction = WireDirection.In,
            Extension = "json",
            Description = "GET /api/decisions (a page with items and nextCursor) → CaseDecision",
            ReadAsync = (payload, context, _) => Task.FromResult<IReadOnlyList<MappedRecord>>([.. WirePayload.Records(payload, "items").Select((o, i) =>
                MappedRecord.From(PenaltyCasesPartner.ToCanonical(CfDecision.From(o), $"item {i + 1}", context.Clock.GetUtcNow())))]),
        },
        new()
        {
            Partner = CfClient.Partner,
            Kind = "clues",
            Aliases = ["leads"],
            Direction = WireDirection.Out,
            Extension = "json",
            Description = "ResultRecorded → POST /api/clues with an Idempotency-Key (outcomes 06, 07, 09 only; others refused)",
            Render = (canonical, _) =>
            {
                var results = CanonicalJson.ReadArray<ResultRecorded>(canonical);
                var raises = results.Select(r => PenaltyCasesPartner.RaisesLeadFor(r.Result)).ToList();
                var refusals = results.Select((r, i) => (i, r)).Where(x => !raises[x.i])
                    .Select(x => (x.i, $"outcome {x.r.Result.Outcome} raises no case lead (only 06, 07 and 09 do)")).ToList();
                var clues = results.Where((_, i) => raises[i]).Select(r => JObject.FromObject(PenaltyCasesPartner.ToWire(r.Result, r.TargetName)));
                return new RenderedWire(WirePayload.Indented(new JArray(clues)), refusals);
            },
            Replay = new WireReplay("/case/", (services, configuration) => services.AddPenaltyCasesAdapter(configuration), async (services, wire, ct) =>
            {
                var client = services.GetRequiredService<CfClient>();
                var clues = WirePayload.Records(System.Text.Encoding.UTF8.GetBytes(wire));
                var lines = new List<string>();
                var refused = 0;
                for (var i = 0; i < clues.Count; i++)
                {
                    try
                    {
                        var clue = clues[i].ToObject<CfClue>() ?? throw new JsonSerializationException($"clue {i + 1} is empty");
                        var (id, duplicate) = await client.PostClueAsync(clue, ct);
                        lines.Add($"clue {i + 1}: {(duplicate ? $"raised before as {id} (same Idempotency-Key, 200)" : $"raised as {id} (201)")}");
                    }
                    catch (PartnerException ex)
                    {
                        refused++;
                        lines.Add($"clue {i + 1}: {(ex.Retryable ? "failed" : "refused")} {ex.PartnerCode} {ex.PartnerMessage}");
                    }
                }

                return new ReplayOutcome(lines, refused);
            }),
        },
    ];
}
