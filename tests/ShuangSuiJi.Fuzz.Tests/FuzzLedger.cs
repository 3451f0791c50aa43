namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>
/// Every summary line of the run, also written to <c>fuzz-report.txt</c> beside the test binary, so the figures can
/// be read after <c>dotnet test</c> whatever the logger's verbosity.
/// </summary>
internal static class FuzzLedger
{
    private static readonly Lock Gate = new();

    public static void Add(string line)
    {
        lock (Gate)
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-report.txt"), $"{TimeProvider.System.GetUtcNow():O} {line}{Environment.NewLine}");
        }
    }
}
