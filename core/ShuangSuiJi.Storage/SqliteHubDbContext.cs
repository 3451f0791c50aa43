using Microsoft.EntityFrameworkCore;

namespace ShuangSuiJi.Storage;

/// <summary>The store on SQLite. Migrations: <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options, Protection.FieldCipher cipher) : HubDbContext(options, cipher)
{
    public override StorageProvider Provider => StorageProvider.Sqlite;

    protected override void ConfigureProviderConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type and compares text: stored as UTC ticks, "updated since" filters and sorts
        // stay correct whatever offset a partner sent.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksDateTimeOffsetConverter>();
    }
}
