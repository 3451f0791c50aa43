using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>A hub on its own store and log folder, seeded with a small generated province.</summary>
public sealed class HubFactory(TestStore store, IReadOnlyDictionary<string, string?>? extra = null) : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _logs = Directory.CreateTempSubdirectory("ssj-hub-logs-");

    public TestStore Store => store;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Hub:SeedTargets", "300");
        builder.UseSetting("Hub:LogDirectory", _logs.FullName);
        builder.UseSetting("Simulators:Enabled", "false"); // partner simulators only where a test asks for them
        foreach (var (key, value) in store.Settings.Concat(extra ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Polls <c>/health/ready</c> until healthy (the seed loads in the background), failing with the last report after a minute.</summary>
    public async Task<JsonElement> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = CreateClient();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        JsonElement report;
        do
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
            report = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            if (report.GetProperty("status").GetString() == "Healthy")
            {
                return report;
            }

            await Task.Delay(200, cancellationToken);
        }
        while (watch.Elapsed < TimeSpan.FromMinutes(1));

        Assert.Fail($"The hub did not become ready: {report}");
        return report;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await store.DisposeAsync();
        try
        {
            _logs.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Serilog may still hold the day's file for a moment; a temp folder left behind is harmless.
        }
    }
}
