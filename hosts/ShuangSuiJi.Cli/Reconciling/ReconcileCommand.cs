using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Integration.Routing;
using ShuangSuiJi.Reconciliation;

namespace ShuangSuiJi.Cli.Reconciling;

/// <summary><c>ssj reconcile</c>: one pair reconciled against the hub's store, counts and differing records printed (or as JSON).</summary>
internal static class ReconcileCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var kind = new Option<string>("--kind") { Description = "The kind: target, inspector, result, evaluation, caselead, department (Reconciliation:Kinds).", Required = true };
        var left = new Option<string>("--left") { Description = "One system: a partner name, or HUB for the hub's own store.", Required = true };
        var right = new Option<string>("--right") { Description = "The other system.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print {\"counts\":{…},\"items\":[…]} instead of text." };
        var incremental = new Option<bool>("--incremental") { Description = "Rewrite only the records whose content moved since the last run (default: a full run)." };
        var limit = new Option<int>("--limit") { Description = "Most differing records printed as text (JSON prints all).", DefaultValueFactory = _ => 20 };
        var command = new Command("reconcile", "Reconcile one kind between two systems in the hub's store: identical, conflicting, missing on either side, invalid.") { kind, left, right, json, incremental, limit };
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            await using var services = store.BuildServices(parse, (s, configuration) =>
            {
                s.AddOptions<ExchangeOptions>().Bind(configuration.GetSection(ExchangeOptions.SectionName));
                s.AddSingleton<RouteTable>();
                s.AddSingleton<OutboxSignal>();
                s.AddSingleton<DeliverySignal>();
                s.AddReconciliation(configuration);
            });
            await services.GetRequiredService<Storage.StoreMigrator>().MigrateAsync(ct);
            var service = services.GetRequiredService<ReconciliationService>();
            RunSummary run;
            try
            {
                run = await service.RunAsync(parse.GetRequiredValue(kind), parse.GetRequiredValue(left), parse.GetRequiredValue(right), !parse.GetValue(incremental), ct);
            }
            catch (ReconciliationRequestException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"--{(ex.Field is "left" or "right" or "kind" ? ex.Field : "kind")}: {ex.Message}");
                return ExitCodes.UsageError;
            }

            await services.GetRequiredService<Storage.Audit.IAuditTrail>().RecordAsync(
                new Storage.Audit.AuditRecord(CliActor.Name, Storage.Audit.AuditActs.Reconcile, $"{run.Kind} {run.Left}/{run.Right}", Detail: $"{run.Mode} run {run.Id}: {run.Counts}"), CancellationToken.None);
            var c = run.Counts;
            if (parse.GetValue(json))
            {
                var items = new List<object>();
                await foreach (var (key, @class, detail, resolved) in service.ExportAsync(run.Kind, run.Left, run.Right, ct))
                {
                    items.Add(new { key, @class, fields = detail.Diffs, invalid = detail.Invalid, resolved });
                }

                output.WriteLine(JsonSerializer.Serialize(new { counts = new { identical = c.Identical, conflicting = c.Conflicting, missingLeft = c.MissingLeft, missingRight = c.MissingRight, invalid = c.Invalid }, items }, Json));
                return ExitCodes.Success;
            }

            output.WriteLine($"{run.Kind} {run.Left} ↔ {run.Right} ({run.Mode}, {run.Elapsed.TotalSeconds:F1} s): identical {c.Identical:N0}, conflicting {c.Conflicting:N0}, missing in {run.Left} {c.MissingLeft:N0}, missing in {run.Right} {c.MissingRight:N0}, invalid {c.Invalid:N0}; resolved {c.Resolved:N0}");
            var shown = 0;
            await foreach (var (key, @class, detail, resolved) in service.ExportAsync(run.Kind, run.Left, run.Right, ct))
            {
                if (shown++ == parse.GetValue(limit))
                {
                    output.WriteLine("  … (--json prints them all)");
                    break;
                }

                var what = detail.Invalid ?? string.Join("; ", detail.Diffs.Select(d => $"{d.Field}: {run.Left}={d.Left} {run.Right}={d.Right} → {d.Golden} ({d.Truth})"));
                output.WriteLine($"  {@class,-12} {key}{(resolved ? " [resolved]" : "")}  {what}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
