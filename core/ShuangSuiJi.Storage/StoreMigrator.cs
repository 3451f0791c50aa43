using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ShuangSuiJi.Storage;

/// <summary>Brings a store's schema up to date: creates the SQLite file on first run, applies pending migrations.</summary>
public sealed partial class StoreMigrator(HubDbContextFactory factory, ILogger<StoreMigrator> logger)
{
    /// <summary>Applies every pending migration and returns their names (empty when already current).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            LogMigrating(logger, db.Provider.ToString(), pending.Count, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (db.Provider == StorageProvider.Sqlite)
        {
            // WAL lets the API read while a pull writes; NORMAL sync is durable at checkpoints, the usual pairing.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", cancellationToken);
        }

        return pending;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrating the {Provider} store: {Count} pending migration(s): {Migrations}")]
    private static partial void LogMigrating(ILogger logger, string provider, int count, string migrations);
}
