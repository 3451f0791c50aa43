namespace ShuangSuiJi.Cli;

/// <summary>What <c>ssj</c> returns to the shell.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked and nothing was found wrong.</summary>
    public const int Success = 0;

    /// <summary>The command ran and found problems (an invalid code, a failed check).</summary>
    public const int Findings = 1;

    /// <summary>The command could not run: bad arguments or bad configuration.</summary>
    public const int UsageError = 2;
}
