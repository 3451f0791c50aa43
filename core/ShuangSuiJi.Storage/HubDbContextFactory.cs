using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Storage;

/// <summary>
/// Creates the provider's <see cref="HubDbContext"/> from <see cref="StorageOptions"/>: the one place that turns
/// configuration into a database. Creates the SQLite data folder on first use.
/// </summary>
public sealed class HubDbContextFactory
{
    private readonly StorageOptions _options;
    private readonly Func<HubDbContext> _create;

    public HubDbContextFactory(IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var connectionString = _options.GetEffectiveConnectionString();
        var timeout = _options.CommandTimeoutSeconds;
        switch (_options.Provider)
        {
            case StorageProvider.Sqlite:
                EnsureSqliteFolder(connectionString);
                var sqlite = new DbContextOptionsBuilder<SqliteHubDbContext>()
                    .UseSqlite(connectionString, o => o.CommandTimeout(timeout)).Options;
                _create = () => new SqliteHubDbContext(sqlite);
                break;
            case StorageProvider.PostgreSql:
                var postgres = new DbContextOptionsBuilder<PostgreSqlHubDbContext>()
                    .UseNpgsql(connectionString, o => o.CommandTimeout(timeout).EnableRetryOnFailure()).Options;
                _create = () => new PostgreSqlHubDbContext(postgres);
                break;
            case StorageProvider.SqlServer:
                var sqlServer = new DbContextOptionsBuilder<SqlServerHubDbContext>()
                    .UseSqlServer(connectionString, o => o.CommandTimeout(timeout).EnableRetryOnFailure()).Options;
                _create = () => new SqlServerHubDbContext(sqlServer);
                break;
            default:
                throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions),
                    [$"{StorageOptions.SectionName}:Provider '{_options.Provider}' is not supported."]);
        }
    }

    /// <summary>Builds a factory straight from options, for tools and tests without a container.</summary>
    public static HubDbContextFactory For(StorageOptions options) => new(Microsoft.Extensions.Options.Options.Create(options));

    public StorageOptions Options => _options;

    /// <summary>A new context; the caller disposes it.</summary>
    public HubDbContext CreateDbContext() => _create();

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
