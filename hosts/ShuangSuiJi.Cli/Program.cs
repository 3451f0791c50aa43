using Serilog;
using ShuangSuiJi.Cli;

Log.Logger = new LoggerConfiguration()
    .MinimumLevel.Information()
    .MinimumLevel.Override("Microsoft", Serilog.Events.LogEventLevel.Warning)
    .WriteTo.Console(standardErrorFromLevel: Serilog.Events.LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .CreateLogger();

try
{
    return await SsjApp.RunAsync(args, Console.Out, Console.Error);
}
finally
{
    await Log.CloseAndFlushAsync();
}
