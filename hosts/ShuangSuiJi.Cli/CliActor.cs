namespace ShuangSuiJi.Cli;

/// <summary>Who acts in the audit trail when an act comes from <c>ssj</c>: <c>cli:&lt;the operating-system user&gt;</c>.</summary>
internal static class CliActor
{
    public static string Name => $"cli:{Environment.UserName}";
}
