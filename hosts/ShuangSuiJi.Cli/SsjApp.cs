using System.CommandLine;
using Microsoft.Extensions.Options;
using Serilog;
using ShuangSuiJi.Cli.Database;
using ShuangSuiJi.Cli.Development;
using ShuangSuiJi.Cli.Validation;

namespace ShuangSuiJi.Cli;

/// <summary>The <c>ssj</c> command tree and its exit-code policy; <c>Program</c> only sets up logging and calls it.</summary>
public static class SsjApp
{
    public static RootCommand CreateRoot() => new("ssj — the ShuangSuiJi (双随机) integration hub's command line.")
    {
        ValidateCommand.Create(),
        DbCommand.Create(),
        Drawing.DrawCommand.Create(),
        Planning.PlanCommand.Create(),
        Reconciling.ReconcileCommand.Create(),
        Auditing.AuditCommand.Create(),
        Access.AccessCommands.User(),
        Access.AccessCommands.ApiKeys(),
        Security.SecurityCommand.Create(),
        Partners.PartnerCommands.Map(),
        Partners.ReplayCommand.Create(),
        Partners.PartnerCommands.Simulate(),
        DevCommand.Create(),
        ShuangSuiJi.Benchmarks.BenchmarkApp.CreateCommand(),
    };

    /// <summary>Parses and runs <paramref name="args"/>; returns 0 success, 1 findings or failure, 2 usage or configuration error.</summary>
    /// <param name="cancellationToken">Stops a long-running command (Ctrl+C does the same from a shell).</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await error.WriteLineAsync("Run 'ssj --help' for usage.");
            return ExitCodes.UsageError;
        }

        try
        {
            // Exceptions reach the handlers below, so configuration errors exit 2 naming the key, not with a stack trace.
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error }, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync("Configuration error:");
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync($"  {failure}");
            }

            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Cancelled.");
            return ExitCodes.Findings;
        }
        catch (InvalidOperationException ex)
        {
            // Expected refusals (no such task, seed does not match its commitment …): the message says it all.
            await error.WriteLineAsync($"ssj: {ex.Message}");
            return ExitCodes.Findings;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException)
        {
            Log.Error(ex, "ssj failed: {Message}", ex.Message);
            await error.WriteLineAsync($"ssj failed: {ex.Message}");
            return ExitCodes.Findings;
        }
    }
}
