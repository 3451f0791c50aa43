using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Logging;

/// <summary>Writes exchange log entries in their own unit of work, so a failed exchange is logged even when its work rolls back.</summary>
public sealed class ExchangeLog(HubDbContextFactory stores)
{
    public async Task WriteAsync(ExchangeLogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Error = Clip(entry.Error, 2000);
        await using var db = stores.CreateDbContext();
        db.ExchangeLog.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
