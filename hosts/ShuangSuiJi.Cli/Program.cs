using System.CommandLine;
using Microsoft.Extensions.Options;
using Serilog;
using ShuangSuiJi.Cli;
using ShuangSuiJi.Cli.Database;
using ShuangSuiJi.Cli.Development;
using ShuangSuiJi.Cli.Validation;

Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft", Serilog.Events.LogEventLevel.Warning)
    .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose)
    .CreateLogger();

var root = new RootCommand("ssj — the ShuangSuiJi (双随机) integration hub's command line.")
{
    ValidateCommand.Create(),
    DbCommand.Create(),
    DevCommand.Create(),
};

try
{
    var parse = root.Parse(args);
    if (parse.Errors.Count > 0)
    {
        foreach (var error in parse.Errors)
        {
            Console.Error.WriteLine(error.Message);
        }

        Console.Error.WriteLine("Run 'ssj --help' for usage.");
        return ExitCodes.UsageError;
    }

    // Exceptions reach the handlers below, so configuration errors exit 2 with the key named, not a stack trace.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine("Configuration error:");
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine($"  {failure}");
    }

    return ExitCodes.UsageError;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Cancelled.");
    return ExitCodes.Findings;
}
catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or IOException)
{
    Log.Error(ex, "ssj failed: {Message}", ex.Message);
    return ExitCodes.Findings;
}
finally
{
    await Log.CloseAndFlushAsync();
}
