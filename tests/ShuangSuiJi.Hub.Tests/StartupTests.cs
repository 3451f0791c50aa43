using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

public sealed class StartupTests
{
    [Theory]
    [InlineData("Storage:Provider", "PostgreSql", "Storage:ConnectionString is required when Storage:Provider is PostgreSql")]
    [InlineData("Bus:Transport", "RabbitMq", "Bus:RabbitMqUri is required when Bus:Transport is RabbitMq")]
    [InlineData("Hub:SeedTargets", "5", "Hub:SeedTargets must be between 100 and 10,000,000")]
    [InlineData("Storage:BulkBatchSize", "1", "Storage:BulkBatchSize must be between 100 and 100,000")]
    public async Task BadConfiguration_StopsTheHostNamingTheKey(string key, string value, string message)
    {
        await using var store = TestStore.Sqlite();
        string[] args = [$"--{key}={value}", "--environment=Development", $"--Storage:DataDirectory={store.Options.DataDirectory}", "--Urls=http://127.0.0.1:0", $"--Hub:LogDirectory={store.Options.DataDirectory}"];
        await using var app = HubApplication.Build(args);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(ex.Failures, f => f.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CalendarYears_FromConfiguration_ExtendTheShippedCalendar()
    {
        await using var store = TestStore.Sqlite();
        await using var app = HubApplication.Build(["--environment=Development", $"--Storage:DataDirectory={store.Options.DataDirectory}", "--Calendar:Years:2027:Holidays:0=2027-02-06..2027-02-12", "--Calendar:Years:2027:Workdays:0=2027-02-14"]);

        var calendar = app.Services.GetRequiredService<Core.Calendar.WorkingDayCalendar>();

        Assert.Contains(2027, calendar.Years);
        Assert.False(calendar.IsWorkingDay(new DateOnly(2027, 2, 8)));
        Assert.True(calendar.IsWorkingDay(new DateOnly(2027, 2, 14)));
    }

    [Fact]
    public async Task Hub_OnRealPostgreSql_SeedsAndServes()
    {
        await using var factory = new HubFactory(await TestStore.PostgreSqlAsync());

        await factory.WaitUntilReadyAsync(TestContext.Current.CancellationToken);
        using var client = factory.CreateClient();
        var page = await client.GetFromJsonAsync<JsonElement>("/api/targets?pageSize=10&region=360100", HubFactory.Json, TestContext.Current.CancellationToken);

        Assert.Equal(StorageProvider.PostgreSql, factory.Store.Options.Provider);
        Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 10);

        // The session survives a password change on PostgreSQL too (its timestamps keep microseconds, not ticks).
        var account = factory.CreateAccount(Storage.Access.AccountRoles.Viewer, null, "initial-Passw0rd", mustChangePassword: true);
        using var browser = factory.CreateAnonymousClient(followRedirects: false);
        using var loginForm = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = account.Name, ["password"] = "initial-Passw0rd" });
        using var changeForm = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["current"] = "initial-Passw0rd", ["next"] = "a-much-better-one-42", ["confirmation"] = "a-much-better-one-42",
        });
        using var login = await browser.PostAsync(new Uri("/login", UriKind.Relative), loginForm, TestContext.Current.CancellationToken);
        using var change = await browser.PostAsync(new Uri("/account/password", UriKind.Relative), changeForm, TestContext.Current.CancellationToken);
        using var after = await browser.GetAsync(new Uri("/api/me", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("/", change.Headers.Location?.OriginalString);
        Assert.Equal(System.Net.HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Hub_OnRealRabbitMq_ReportsTheBusReady()
    {
        var rabbit = TestServers.RequireRabbitMq();
        await using var factory = new HubFactory(TestStore.Sqlite(), new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMqUri"] = rabbit,
        });

        var report = await factory.WaitUntilReadyAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Healthy", report.GetProperty("checks").GetProperty("masstransit-bus").GetProperty("status").GetString());
    }
}
