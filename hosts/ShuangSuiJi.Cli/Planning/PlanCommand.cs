using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Planning;
using ShuangSuiJi.Storage;

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
        var import = new Command("import", "Read an annual plan spreadsheet; print the plans and every finding (exit 1 when something was refused).") { file, json, region };
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
            await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            var departments = await db.Departments.AsNoTracking().ToListAsync(ct);
            var result = new PlanImporter(new DepartmentResolver(departments, parse.GetValue(region))).Import(rows);
            var output = parse.InvocationConfiguration.Output;
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

        return new Command("plan", "Annual plans (抽查计划).") { import };
    }
}
