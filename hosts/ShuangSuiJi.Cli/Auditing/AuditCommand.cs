using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Cli.Auditing;

/// <summary><c>ssj audit verify</c> and <c>ssj audit export</c>: the SM3 hash-chained audit trail in the hub's store.</summary>
internal static class AuditCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create() => new("audit", "The audit trail of administrative acts (审计日志): verify its hash chain, export it.")
    {
        Verify(),
        Export(),
    };

    private static Command Verify()
    {
        var head = new Option<string?>("--head") { Description = "A head noted earlier, as SEQUENCE:HASH (printed by a previous verify): also proves no newest entry was removed." };
        var json = new Option<bool>("--json") { Description = "Print {\"intact\":…,\"checked\":…,\"first\":…,\"last\":…,\"headHash\":…,\"break\":{\"sequence\":…,\"reason\":…}}." };
        var command = new Command("verify", "Recompute the SM3 chain from the oldest kept entry to the head; exit 1 naming the first broken entry.") { head, json };
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            (long, string)? expected = null;
            if (parse.GetValue(head) is { } noted)
            {
                var parts = noted.Split(':');
                if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || parts[1].Length != 64)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"--head: '{noted}' is not SEQUENCE:HASH (a number, a colon, 64 hex digits).");
                    return ExitCodes.UsageError;
                }

                expected = (sequence, parts[1].ToLowerInvariant());
            }

            await using var services = store.BuildServices(parse);
            var factory = services.GetRequiredService<HubDbContextFactory>();
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            var error = parse.InvocationConfiguration.Error;
            var progress = new InlineProgress<long>(n => error.WriteLine($"  {n:N0} entries checked"));
            var result = await AuditVerifier.VerifyAsync(factory, expected, progress, ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new { intact = result.Intact, @checked = result.Checked, first = result.First, last = result.Last, headHash = result.HeadHash, @break = result.Break }, Json));
            }
            else if (result.Break is { } broken)
            {
                output.WriteLine($"BROKEN at entry {broken.Sequence}: {broken.Reason}");
                output.WriteLine($"{result.Checked:N0} entries read.");
            }
            else if (result.Last is null)
            {
                output.WriteLine("The audit trail is empty.");
            }
            else
            {
                output.WriteLine($"Intact: {result.Checked:N0} entries, {result.First} to {result.Last}.");
                output.WriteLine($"Head {result.Last}:{result.HeadHash} (note it; 'ssj audit verify --head' proves later that nothing after it was removed)");
            }

            return result.Intact ? ExitCodes.Success : ExitCodes.Findings;
        });
        return command;
    }

    private static Command Export()
    {
        var outPath = new Option<FileInfo>("--out") { Description = "The file to write (.csv or .xlsx).", Required = true };
        var from = new Option<DateTimeOffset?>("--from") { Description = "First instant included (ISO 8601); default: the oldest entry." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "First instant excluded (ISO 8601); default: now." };
        var command = new Command("export", "Write the audit trail (or a period of it) with every hashed field, to CSV or Excel. The export is itself audited.") { outPath, from, to };
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(outPath);
            var format = file.Extension.ToLowerInvariant() switch
            {
                ".csv" => AuditExportFormat.Csv,
                ".xlsx" => AuditExportFormat.Xlsx,
                _ => (AuditExportFormat?)null,
            };
            if (format is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"--out: '{file.Name}' must end in .csv or .xlsx.");
                return ExitCodes.UsageError;
            }

            await using var services = store.BuildServices(parse);
            var factory = services.GetRequiredService<HubDbContextFactory>();
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            long count;
            await using (var stream = file.Create())
            {
                count = AuditExport.Write(factory, stream, format.Value, parse.GetValue(from), parse.GetValue(to));
            }

            await services.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditRecord(CliActor.Name, AuditActs.Export, "audit", Detail: $"{count} entries to {file.Name}; from {parse.GetValue(from)?.ToString("O", CultureInfo.InvariantCulture) ?? "the start"} to {parse.GetValue(to)?.ToString("O", CultureInfo.InvariantCulture) ?? "now"}"),
                ct);
            parse.InvocationConfiguration.Output.WriteLine($"{count:N0} entries written to {file.FullName}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
