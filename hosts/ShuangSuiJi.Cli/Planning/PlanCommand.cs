using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Planning;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Cli.Planning;

/// <summary><c>ssj plan import FILE [--json] [--region R]</c>: read a plan spreadsheet, resolve departments against the store.</summary>
internal static class PlanCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The plan spreadsheet: .xlsx, or .csv in UTF-8 or GB18030." };
        var json = new Option<bool>("--json") { Description = "Print {\"plans\":[…],\"findings\":[…]} instead of a summary." };
        var region = new Option<string?>("--region") { Description = "Region code of the importing department: names like 县市场监管局 resolve inside it." };
        var store = new StoreOptionsBinding();
        var save = new Option<bool>("--save") { Description = "Save the plans that resolved completely as canonical plans, with their tasks scheduled by frequency." };
        var year = new Option<int?>("--year") { Description = "The plans' year (default: the year in the plan names, else this year)." };
        var import = new Command("import", "Read an annual plan spreadsheet; print the plans and every finding (exit 1 when something was refused).") { file, json, region, save, year };
        store.AddTo(import);
        import.SetAction(async (parse, ct) =>
        {
            var input = parse.GetRequiredValue(file);
            if (!input.Exists)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"No such file: {input.FullName}");
                return ExitCodes.UsageError;
            }

            IReadOnlyList<string[]> rows;
            try
            {
                rows = PlanSheet.Read(input.FullName);
            }
            catch (Exception ex) when (ex is NotSupportedException or InvalidDataException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(ex.Message);
                return ExitCodes.UsageError;
            }

            await using var services = store.BuildServices(parse);
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            var service = new PlanImportService(services.GetRequiredService<HubDbContextFactory>(), new Core.Calendar.WorkingDayCalendar(), TimeProvider.System);
            var outcome = await service.ImportAsync(rows, parse.GetValue(region), parse.GetValue(save), parse.GetValue(year), ct);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditRecord(CliActor.Name, AuditActs.PlanImport, input.Name, PlanImportAudit.Refused(outcome) ? AuditOutcomes.Refused : AuditOutcomes.Succeeded, PlanImportAudit.Detail(outcome, parse.GetValue(save))),
                CancellationToken.None);
            var result = outcome.Result;
            var output = parse.InvocationConfiguration.Output;
            foreach (var saved in outcome.Saved)
            {
                output.WriteLine($"plan {saved.Number} saved as {saved.PlanCode} with task(s) {string.Join(", ", saved.Tasks.Select(t => $"{t.TaskNumber} {t.WindowStart:MM-dd}..{t.WindowEnd:MM-dd} {t.WarningLight}"))}");
            }

            if (parse.GetValue(save))
            {
                output.WriteLine($"saved {outcome.Saved.Count} plan(s) and {outcome.Saved.Sum(x => x.Tasks.Count)} task(s)");
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    plans = result.Plans,
                    findings = result.Findings.Select(f => new { row = f.Row, column = f.Column, text = f.Text, message = f.Message, refused = f.Refused }),
                }, Json));
            }
            else
            {
                foreach (var plan in result.Plans)
                {
                    output.WriteLine($"plan {plan.Number} (row {plan.Row}): {plan.Name}");
                    output.WriteLine($"  {plan.InitiatingDepartment} [{plan.InitiatingDepartmentCode ?? "unresolved"}], ratio {plan.Ratio:P1}, {plan.FrequencyPerYear}x/year, months {plan.StartMonth}-{plan.EndMonth}, {string.Join(" ", plan.Methods)}");
                    foreach (var d in plan.Departments)
                    {
                        output.WriteLine($"    {d.Name} [{d.Code ?? "unresolved"}]{(d.Ratio is { } r ? $" own ratio {r:P1}" : "")}: {string.Join("; ", d.Items)}");
                    }
                }

                foreach (var f in result.Findings)
                {
                    output.WriteLine($"{(f.Refused ? "REFUSED" : "note")}  row {f.Row} {f.Column} '{f.Text}': {f.Message}");
                }

                output.WriteLine($"{result.Plans.Count} plan(s), {result.Findings.Count} finding(s), {result.Findings.Count(f => f.Refused)} refused");
            }

            return result.HasRefusals ? ExitCodes.Findings : ExitCodes.Success;
        });

        var exportFile = new Option<FileInfo>("--out") { Description = "The .xlsx to write.", Required = true };
        var exportYear = new Option<int?>("--year") { Description = "Only plans of this year." };
        var exportDepartment = new Option<string?>("--department") { Description = "Only plans this department initiates." };
        var exportStore = new StoreOptionsBinding();
        var export = new Command("export", "Write the store's plans in the counties' spreadsheet layout (.xlsx), ready to edit and import again.") { exportFile, exportYear, exportDepartment };
        exportStore.AddTo(export);
        export.SetAction(async (parse, ct) =>
        {
            await using var services = exportStore.BuildServices(parse);
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct); // the export is audited: the audit table must exist
            await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            var query = db.Plans.AsQueryable();
            if (parse.GetValue(exportYear) is { } y)
            {
                query = query.Where(p => p.Year == y);
            }

            if (parse.GetValue(exportDepartment) is { } d)
            {
                query = query.Where(p => p.InitiatingDepartmentCode == d);
            }

            var plans = await CanonicalPlans.SheetLinesAsync(db, query, ct);
            var path = parse.GetRequiredValue(exportFile).FullName;
            PlanSheetWriter.WriteXlsx(path, plans);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditRecord(CliActor.Name, AuditActs.Export, "plans", Detail: $"{plans.Count} plan(s) to {Path.GetFileName(path)}; year {parse.GetValue(exportYear)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "any"}, department {parse.GetValue(exportDepartment) ?? "any"}"),
                CancellationToken.None);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {plans.Count} plan(s) to {path}");
            return ExitCodes.Success;
        });

        return new Command("plan", "Annual plans (抽查计划).") { import, export };
    }
}
