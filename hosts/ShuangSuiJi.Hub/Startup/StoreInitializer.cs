using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Startup;

/// <summary>Migrates the store before the server accepts requests (hosted services start before Kestrel).</summary>
internal sealed class StoreInitializer(StoreMigrator migrator, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
