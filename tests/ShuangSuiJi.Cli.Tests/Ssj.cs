using ShuangSuiJi.Cli;

namespace ShuangSuiJi.Cli.Tests;

/// <summary>Runs the real <c>ssj</c> command tree in-process with captured output, as a shell would see it.</summary>
internal static class Ssj
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public static async Task<(int Exit, string Output, string Error)> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SsjApp.RunAsync(args, output, error, cancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
