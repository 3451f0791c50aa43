using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.RiskClassification;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Mappings.Wire;

namespace ShuangSuiJi.Mappings.RiskClassification;

/// <summary>FX's kinds as files (contracts/FX.md): grade exports in (CSV, plain or gzip, GB18030; full or incremental); result feedback out.</summary>
public static class RiskClassificationWireMappings
{
    public static IEnumerable<WireMapping> All =>
    [
        new()
        {
            Partner = FxClient.Partner,
            Kind = "grades",
            Aliases = ["grade"],
            Direction = WireDirection.In,
            Extension = "csv",
            Description = "GET /export/full or /export/incr (CSV, GB18030, plain or gzip) → RiskAssessment",
            ReadAsync = async (payload, context, ct) =>
            {
                var records = new List<MappedRecord>();
                using var stream = new MemoryStream(payload);
                await foreach (var row in FxClient.ReadExportAsync(stream, null, declaredGzip: false, "map", ct))
                {
                    var exchange = row.ChangeType is null ? RiskClassificationRegister.FullExchange : RiskClassificationRegister.IncrementalExchange;
                    records.Add(MappedRecord.From(RiskClassificationRegister.ToCanonical(row, exchange, context.Clock.GetUtcNow())));
                }

                return records;
            },
        },
        new()
        {
            Partner = FxClient.Partner,
            Kind = "results",
            Direction = WireDirection.Out,
            Extension = "json",
            Description = "ResultRecorded → POST /api/inspection-results (batches of at most 1,000; partial success)",
            Render = (canonical, _) => new RenderedWire(
                WirePayload.Indented(JArray.FromObject(CanonicalJson.ReadArray<ResultRecorded>(canonical).Select(r => RiskClassificationRegister.ToWire(r.Result)))), []),
            Replay = new WireReplay("/fxfl/", (services, configuration) => services.AddRiskClassificationAdapter(configuration), async (services, wire, ct) =>
            {
                var client = services.GetRequiredService<FxClient>();
                var results = JsonConvert.DeserializeObject<List<FxResult>>(wire) ?? [];
                var lines = new List<string>();
                var refused = 0;
                foreach (var (batch, start) in results.Chunk(RiskClassificationPartner.MaxBatch).Select((b, i) => (b, i * RiskClassificationPartner.MaxBatch)))
                {
                    try
                    {
                        var receipt = await client.PostResultsAsync(batch, ct);
                        lines.Add($"batch of {batch.Length}: {receipt.Accepted} accepted, {receipt.Rejected.Count} rejected");
                        foreach (var (index, reason) in receipt.Rejected)
                        {
                            lines.Add($"record {start + index + 1}: rejected {reason}");
                        }

                        refused += receipt.Rejected.Count;
                    }
                    catch (PartnerException ex)
                    {
                        refused += batch.Length;
                        lines.Add($"batch of {batch.Length}: {(ex.Retryable ? "failed" : "refused")} {ex.PartnerCode} {ex.PartnerMessage}");
                    }
                }

                return new ReplayOutcome(lines, refused);
            }),
        },
    ];
}
