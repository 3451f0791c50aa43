using Microsoft.EntityFrameworkCore;

namespace ShuangSuiJi.Storage;

/// <summary>The store on PostgreSQL. Migrations: <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgreSqlHubDbContext(DbContextOptions<PostgreSqlHubDbContext> options, Protection.FieldCipher cipher) : HubDbContext(options, cipher)
{
    public override StorageProvider Provider => StorageProvider.PostgreSql;

    protected override void ConfigureProviderConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz holds UTC only; Npgsql refuses other offsets, so instants are normalised on the way in.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
    }
}
