using Npgsql;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Protection;

namespace ShuangSuiJi.Testing;

/// <summary>
/// A throwaway, migrated store: a SQLite file in a temp folder, or a fresh database on the test PostgreSQL server.
/// Each test gets its own, so none depends on another's data; disposing deletes it.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    /// <summary>One random data key per test run (never in the repository), so test stores share one EF model.</summary>
    private static readonly string TestDataKey = FieldCipher.NewKey();

    private readonly Func<Task> _cleanup;

    private TestStore(StorageOptions options, Func<Task> cleanup)
    {
        Options = options;
        Factory = HubDbContextFactory.For(options, DataKeys.Load(new SecurityOptions { DataKey = TestDataKey }, options, production: false));
        _cleanup = cleanup;
    }

    public StorageOptions Options { get; }

    public HubDbContextFactory Factory { get; }

    /// <summary>Configuration keys and values that point a host at this store.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = Options.Provider.ToString(),
        ["Storage:ConnectionString"] = Options.ConnectionString,
        ["Storage:DataDirectory"] = Options.DataDirectory,
        ["Security:DataKey"] = TestDataKey,
    };

    public static Task<TestStore> CreateAsync(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => Task.FromResult(Sqlite()),
        StorageProvider.PostgreSql => PostgreSqlAsync(),
        _ => throw new NotSupportedException($"{provider} cannot run on the test machines."),
    };

    public static TestStore Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("ssj-test-");
        File.WriteAllText(Path.Combine(folder.FullName, DataKeys.FileName), TestDataKey);
        var options = new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = folder.FullName, BulkBatchSize = 1000 };
        return new TestStore(options, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
            return Task.CompletedTask;
        });
    }

    public static async Task<TestStore> PostgreSqlAsync()
    {
        var admin = TestServers.RequirePostgres();
        var database = $"ssj_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        var options = new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString, BulkBatchSize = 1000 };
        return new TestStore(options, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    /// <summary>Applies the migrations.</summary>
    public async Task<TestStore> MigratedAsync()
    {
        await new StoreMigrator(Factory, Microsoft.Extensions.Logging.Abstractions.NullLogger<StoreMigrator>.Instance).MigrateAsync(CancellationToken.None);
        return this;
    }

    public async ValueTask DisposeAsync() => await _cleanup();
}
