using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Storage.Tests;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(StorageProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(StorageProvider.PostgreSql, "Host=localhost;Database=never_opened")]
    [InlineData(StorageProvider.SqlServer, "Server=localhost;Database=never_opened")]
    public void Model_MatchesItsProvidersMigrations(StorageProvider provider, string connectionString)
    {
        using var db = HubDbContextFactory.For(new StorageOptions { Provider = provider, ConnectionString = connectionString }).CreateDbContext();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The model changed since the last {provider} migration: run `ssj dev migrations add <Name>`.");
    }

    [Fact]
    public void SqlServer_MigrationScript_Generates()
    {
        using var db = HubDbContextFactory.For(new StorageOptions { Provider = StorageProvider.SqlServer, ConnectionString = "Server=localhost;Database=never_opened" }).CreateDbContext();

        var script = db.Database.GenerateCreateScript();

        Assert.Contains("CREATE TABLE [Targets]", script, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageProvider.PostgreSql)]
    [InlineData(StorageProvider.SqlServer)]
    public void ServerProvider_WithoutConnectionString_NamesTheKey(StorageProvider provider)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => HubDbContextFactory.For(new StorageOptions { Provider = provider }));

        Assert.Contains("Storage:ConnectionString", ex.Message, StringComparison.Ordinal);
    }
}
