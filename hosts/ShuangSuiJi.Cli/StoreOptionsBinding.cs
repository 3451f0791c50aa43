using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Cli;

/// <summary>
/// The store options every store-touching verb shares: configuration comes from appsettings.json, then
/// environment variables (<c>Storage__Provider</c>), then these options, the last winning.
/// </summary>
internal sealed class StoreOptionsBinding
{
    public Option<StorageProvider?> Provider { get; } = new("--provider") { Description = "Store provider: Sqlite, PostgreSql or SqlServer (Storage:Provider)." };

    public Option<string?> ConnectionString { get; } = new("--connection-string") { Description = "Connection string (Storage:ConnectionString)." };

    public Option<string?> DataDirectory { get; } = new("--data-dir") { Description = "Folder of the SQLite file (Storage:DataDirectory)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Provider);
        command.Options.Add(ConnectionString);
        command.Options.Add(DataDirectory);
    }

    /// <summary>Builds a container with the store registered and its options validated.</summary>
    /// <exception cref="OptionsValidationException">The configuration is invalid; the message names the key.</exception>
    public ServiceProvider BuildServices(ParseResult parse, Action<IServiceCollection, IConfiguration>? more = null)
    {
        var overrides = new Dictionary<string, string?>();
        if (parse.GetValue(Provider) is { } provider)
        {
            overrides[$"{StorageOptions.SectionName}:Provider"] = provider.ToString();
        }

        if (parse.GetValue(ConnectionString) is { } connection)
        {
            overrides[$"{StorageOptions.SectionName}:ConnectionString"] = connection;
        }

        if (parse.GetValue(DataDirectory) is { } dataDirectory)
        {
            overrides[$"{StorageOptions.SectionName}:DataDirectory"] = dataDirectory;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("reconciliation.json", optional: true)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddSerilog(dispose: false));
        services.AddHubStorage(configuration);
        more?.Invoke(services, configuration);
        var container = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        // Validate now, so a bad key is reported before any work starts.
        _ = container.GetRequiredService<IOptions<StorageOptions>>().Value;
        return container;
    }
}
