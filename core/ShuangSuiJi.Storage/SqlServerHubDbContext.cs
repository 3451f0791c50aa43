using Microsoft.EntityFrameworkCore;

namespace ShuangSuiJi.Storage;

/// <summary>The store on SQL Server (datetimeoffset keeps offsets natively). Migrations: <c>Migrations/SqlServer</c>.</summary>
public sealed class SqlServerHubDbContext(DbContextOptions<SqlServerHubDbContext> options, Protection.FieldCipher cipher) : HubDbContext(options, cipher)
{
    public override StorageProvider Provider => StorageProvider.SqlServer;

    protected override void ConfigureProviderConventions(ModelConfigurationBuilder configurationBuilder)
    {
    }
}
