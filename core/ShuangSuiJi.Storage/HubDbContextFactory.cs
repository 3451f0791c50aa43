using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage.Protection;

namespace ShuangSuiJi.Storage;

/// <summary>
/// Creates the provider's <see cref="HubDbContext"/> from <see cref="StorageOptions"/>: the one place that turns
/// configuration into a database. Creates the SQLite data folder on first use. Every context it makes encrypts
/// with the same <see cref="FieldCipher"/>.
/// </summary>
public sealed class HubDbContextFactory
{
    private readonly StorageOptions _options;
    private readonly Func<HubDbContext> _create;

    public HubDbContextFactory(IOptions<StorageOptions> options, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cipher);
        Cipher = cipher;
        _options = options.Value;
        var connectionString = _options.GetEffectiveConnectionString();
        var timeout = _options.CommandTimeoutSeconds;
        switch (_options.Provider)
        {
            case StorageProvider.Sqlite:
                EnsureSqliteFolder(connectionString);
                var sqlite = new DbContextOptionsBuilder<SqliteHubDbContext>()
                    .UseSqlite(connectionString, o => o.CommandTimeout(timeout)).ReplaceService<IModelCacheKeyFactory, HubModelCacheKeyFactory>().Options;
                _create = () => new SqliteHubDbContext(sqlite, cipher);
                break;
            case StorageProvider.PostgreSql:
                var postgres = new DbContextOptionsBuilder<PostgreSqlHubDbContext>()
                    .UseNpgsql(connectionString, o => o.CommandTimeout(timeout).EnableRetryOnFailure()).ReplaceService<IModelCacheKeyFactory, HubModelCacheKeyFactory>().Options;
                _create = () => new PostgreSqlHubDbContext(postgres, cipher);
                break;
            case StorageProvider.SqlServer:
                var sqlServer = new DbContextOptionsBuilder<SqlServerHubDbContext>()
                    .UseSqlServer(connectionString, o => o.CommandTimeout(timeout).EnableRetryOnFailure()).ReplaceService<IModelCacheKeyFactory, HubModelCacheKeyFactory>().Options;
                _create = () => new SqlServerHubDbContext(sqlServer, cipher);
                break;
            default:
                throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions),
                    [$"{StorageOptions.SectionName}:Provider '{_options.Provider}' is not supported."]);
        }
    }

    /// <summary>
    /// Builds a factory straight from options, for tools and tests without a container: with
    /// <paramref name="cipher"/>, or else the data folder's development key (<see cref="DataKeys"/>).
    /// </summary>
    public static HubDbContextFactory For(StorageOptions options, FieldCipher? cipher = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(Microsoft.Extensions.Options.Options.Create(options), cipher ?? DataKeys.Load(new SecurityOptions(), options, production: false));
    }

    public StorageOptions Options => _options;

    /// <summary>The cipher of the encrypted columns.</summary>
    public FieldCipher Cipher { get; }

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
