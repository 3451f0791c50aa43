using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
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

        // The dashboard's figures are grouped in the store (a UNION ALL of grouped buckets, the scope as IN): the same SQL runs here.
        var partner = "PG" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var now = factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var db = factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            db.ExchangeLog.AddRange([.. new[] { ("ok", 90), ("failed", 30) }.Select(e => new Storage.Exchanges.ExchangeLogEntry
            {
                Partner = partner, Kind = "Target", Direction = Storage.Exchanges.ExchangeDirection.Inbound, Operation = "targets", CorrelationId = Guid.NewGuid().ToString(),
                Status = e.Item1, StartedAt = now.AddMinutes(-e.Item2), DurationMs = e.Item2,
            })]);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var overview = await client.GetFromJsonAsync<JsonElement>("/api/dashboard/exchanges?hours=6", HubFactory.Json, TestContext.Current.CancellationToken);
        var health = overview.GetProperty("partners").EnumerateArray().Single(p => p.GetProperty("partner").GetString() == partner);
        var series = overview.GetProperty("series").EnumerateArray().Single(p => p.GetProperty("partner").GetString() == partner);
        Assert.Equal((2, 1, 60), (health.GetProperty("exchanges").GetInt64(), health.GetProperty("failed").GetInt64(), health.GetProperty("averageMs").GetDouble()));
        Assert.Equal(2, series.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64()));

        await using (var db = factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            // A department that initiated tasks, and the departments below it.
            var department = await db.Tasks.Select(t => t.InitiatingDepartmentCode).FirstAsync(TestContext.Current.CancellationToken);
            var edges = await db.Departments.Where(d => d.ParentCode != null).Select(d => new { d.Code, d.ParentCode }).ToListAsync(TestContext.Current.CancellationToken);
            var subtree = new HashSet<string>([department], StringComparer.Ordinal);
            while (edges.Where(e => subtree.Contains(e.ParentCode!) /* not null by the query */ && !subtree.Contains(e.Code)).Select(e => e.Code).ToList() is { Count: > 0 } below)
            {
                subtree.UnionWith(below);
            }

            using var scoped = factory.CreateClientAs(Storage.Access.AccountRoles.Viewer, department);
            var tasks = await scoped.GetFromJsonAsync<JsonElement>("/api/tasks?pageSize=500", HubFactory.Json, TestContext.Current.CancellationToken);
            var snapshot = await scoped.GetFromJsonAsync<JsonElement>("/api/live/snapshot", HubFactory.Json, TestContext.Current.CancellationToken);
            Assert.NotEmpty(tasks.GetProperty("items").EnumerateArray());
            Assert.All(tasks.GetProperty("items").EnumerateArray(), t => Assert.Contains(t.GetProperty("initiatingDepartmentCode").GetString()!, subtree));
            Assert.True(snapshot.GetProperty("redTasks").GetInt64() <= tasks.GetProperty("total").GetInt64());
        }
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
