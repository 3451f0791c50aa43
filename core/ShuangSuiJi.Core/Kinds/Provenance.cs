namespace ShuangSuiJi.Core.Kinds;

/// <summary>
/// Where a canonical record came from (来源): which partner supplied it, through which exchange, and when the hub took it in.
/// </summary>
/// <param name="Partner">The supplying system's short name as configured (for example a partner key), or <c>hub</c> for records the hub made itself.</param>
/// <param name="Exchange">The exchange that carried it: a pull job, a push route, an import or the seed generator.</param>
/// <param name="ReceivedAt">When the hub received or last changed it; the API's <c>updatedSince</c> filter reads this.</param>
public sealed record Provenance(string Partner, string Exchange, DateTimeOffset ReceivedAt)
{
    /// <summary>The partner name used for records the hub itself created (draws, generated seed data).</summary>
    public const string Hub = "hub";
}
