using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>One seeded SQLite hub shared by read-only tests; none of them writes.</summary>
public sealed class SeededHub : IAsyncLifetime
{
    public HubFactory Factory { get; private set; } = null!; // Set in InitializeAsync before any test runs.

    public async ValueTask InitializeAsync()
    {
        Factory = new HubFactory(TestStore.Sqlite());
        await Factory.WaitUntilReadyAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class ReadApiTests(SeededHub hub) : IClassFixture<SeededHub>
{
    private readonly HttpClient _client = hub.Factory.CreateClient();

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(HubFactory.Json, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Ready_ReportsStoreBusAndSeed()
    {
        var report = await hub.Factory.WaitUntilReadyAsync(TestContext.Current.CancellationToken);

        var checks = report.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("store").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
        Assert.StartsWith("seeded", checks.GetProperty("seed").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_AnswersHealthy() =>
        Assert.Equal("Healthy", (await GetJsonAsync("/health/live")).GetProperty("status").GetString());

    [Theory]
    [InlineData("departments")]
    [InlineData("users")]
    [InlineData("items")]
    [InlineData("plans")]
    [InlineData("tasks")]
    [InlineData("targets")]
    [InlineData("inspectors")]
    [InlineData("results")]
    [InlineData("evaluations")]
    public async Task EveryKind_PagesItsRecords(string kind)
    {
        var page = await GetJsonAsync($"/api/{kind}?pageSize=10");

        Assert.InRange(page.GetProperty("items").GetArrayLength(), 1, 10);
        Assert.True(page.GetProperty("total").GetInt64() >= page.GetProperty("items").GetArrayLength());
        Assert.All(page.GetProperty("items").EnumerateArray(), r => Assert.Equal("seed", r.GetProperty("provenance").GetProperty("exchange").GetString()));
    }

    [Fact]
    public async Task Targets_SecondPage_ContinuesInKeyOrder()
    {
        var first = await GetJsonAsync("/api/targets?pageSize=5&page=1");
        var second = await GetJsonAsync("/api/targets?pageSize=5&page=2");

        var codes = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(t => t.GetProperty("creditCode").GetString()!).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(300, first.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Region_FiltersKindsWithAndWithoutARegion()
    {
        var targets = await GetJsonAsync("/api/targets?region=360100&pageSize=500");
        var inspectors = await GetJsonAsync("/api/inspectors?region=360103&pageSize=500");

        Assert.All(targets.GetProperty("items").EnumerateArray(), t => Assert.StartsWith("3601", t.GetProperty("regionCode").GetString(), StringComparison.Ordinal));
        Assert.True(targets.GetProperty("total").GetInt64() is > 0 and < 300);
        Assert.All(inspectors.GetProperty("items").EnumerateArray(), i => Assert.StartsWith("360103-", i.GetProperty("departmentCode").GetString(), StringComparison.Ordinal));
        Assert.NotEqual(0, inspectors.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Department_FiltersUsersOfThatDepartment()
    {
        var users = await GetJsonAsync("/api/users?department=360103-SCJG");

        Assert.Equal(5, users.GetProperty("total").GetInt64());
        Assert.All(users.GetProperty("items").EnumerateArray(), u => Assert.Equal("360103-SCJG", u.GetProperty("departmentCode").GetString()));
    }

    [Fact]
    public async Task UpdatedSince_AfterTheSeed_ReturnsNothing_BeforeReturnsAll()
    {
        var after = await GetJsonAsync("/api/targets?updatedSince=2025-06-30T00:00:01Z");
        var before = await GetJsonAsync("/api/targets?updatedSince=2025-06-29T23:59:59Z");

        Assert.Equal(0, after.GetProperty("total").GetInt64());
        Assert.Equal(300, before.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("/api/targets?pageSize=0", "pageSize")]
    [InlineData("/api/targets?pageSize=501", "pageSize")]
    [InlineData("/api/targets?page=0", "page")]
    [InlineData("/api/inspectors?region=36", "region")]
    public async Task BadQuery_Answers400NamingTheParameter(string url, string parameter)
    {
        using var response = await _client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(HubFactory.Json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Inspectors_NeverShowAWholeIdNumber()
    {
        await using var db = hub.Factory.Store.Factory.CreateDbContext();
        var inspector = await db.Inspectors.OrderBy(i => i.CertificateNumber).FirstAsync(TestContext.Current.CancellationToken);

        using var response = await _client.GetAsync(new Uri($"/api/inspectors/{Uri.EscapeDataString(inspector.CertificateNumber)}", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(inspector.IdNumber!.Value.Value, body, StringComparison.Ordinal); // Seeded inspectors all have one.
        Assert.Contains(inspector.IdNumber.Value.ToString(), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetByKey_Missing_Answers404()
    {
        using var response = await _client.GetAsync(new Uri("/api/targets/91360103MA38B2LM2C", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Draws_LedgerIsServed_AndARecordReadsBack()
    {
        await using (var db = hub.Factory.Store.Factory.CreateDbContext())
        {
            db.Draws.Add(new Storage.Draws.DrawLedgerEntry
            {
                TaskNumber = "RW-API-TEST",
                DrawnAt = new DateTimeOffset(2025, 5, 6, 9, 30, 0, TimeSpan.FromHours(8)),
                Algorithm = "SSJ-DRAW-1",
                EligibleHash = new string('0', 64),
                EligibleCount = 10,
                DrawnCount = 1,
                Refused = false,
                RecordJson = "{\"taskNumber\":\"RW-API-TEST\"}",
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var list = await GetJsonAsync("/api/draws?task=RW-API-TEST");
        var id = Assert.Single(list.EnumerateArray()).GetProperty("id").GetInt64();
        var record = await GetJsonAsync($"/api/draws/{id}");

        Assert.Equal("RW-API-TEST", record.GetProperty("taskNumber").GetString());
    }

    [Fact]
    public async Task Kpis_ForOneDepartmentAndYear_CountFromTheStore()
    {
        var report = await GetJsonAsync("/api/kpis?department=360103-SCJG&from=2025-01-01&to=2025-12-31");

        var figures = report.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);
        Assert.Equal(5, figures.Count);
        Assert.Equal(1, figures["jointRate"].GetProperty("numerator").GetInt64());
        Assert.Equal(2, figures["jointRate"].GetProperty("denominator").GetInt64());
        Assert.Equal(0.5, figures["jointRate"].GetProperty("value").GetDouble());
        await using var db = hub.Factory.Store.Factory.CreateDbContext();
        var inspected = await db.Results.Where(r => r.DepartmentCode == "360103-SCJG").Select(r => r.TargetCreditCode).Distinct().CountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(inspected, figures["inspectedShare"].GetProperty("numerator").GetInt64());
        Assert.All(figures.Values, f => Assert.False(string.IsNullOrEmpty(f.GetProperty("definition").GetString())));
    }

    [Fact]
    public async Task OpenApi_DescribesTheReadApi()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/targets", out _));
        Assert.True(paths.TryGetProperty("/api/results/{taskNumber}/{targetCreditCode}/{departmentCode}", out _));
    }
}
