using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Draws;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>The aggregates the dashboard draws from, on the shared seeded hub; each test uses its own partner name or record.</summary>
public sealed class DashboardApiTests(AccessHub hub) : IClassFixture<AccessHub>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExchangeOverview_CountsFailuresAndLatency_AndMarksAPartnerWhoseLastExchangesFailed()
    {
        var partner = "T" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var now = hub.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using (var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            ExchangeLogEntry Entry(string status, int minutesAgo, int ms) => new()
            {
                Partner = partner, Kind = "Target", Direction = ExchangeDirection.Inbound, Operation = "targets", CorrelationId = Guid.NewGuid().ToString(),
                Status = status, StartedAt = now.AddMinutes(-minutesAgo), DurationMs = ms,
            };
            db.ExchangeLog.AddRange(Entry("succeeded", 50, 100), Entry("failed", 30, 200), Entry("failed", 20, 300), Entry("failed", 10, 400));
            await db.SaveChangesAsync(Ct);
        }

        using var client = hub.Factory.CreateClientAs(AccountRoles.Viewer);
        var overview = await client.GetFromJsonAsync<JsonElement>("/api/dashboard/exchanges?hours=6", HubFactory.Json, Ct);

        var health = overview.GetProperty("partners").EnumerateArray().Single(p => p.GetProperty("partner").GetString() == partner);
        Assert.Equal(4, health.GetProperty("exchanges").GetInt64());
        Assert.Equal(0.75, health.GetProperty("errorRate").GetDouble());
        Assert.Equal(250, health.GetProperty("averageMs").GetDouble());
        Assert.True(health.GetProperty("interrupted").GetBoolean());
        Assert.Equal(10, overview.GetProperty("bucketMinutes").GetInt32());
        var series = overview.GetProperty("series").EnumerateArray().Single(s => s.GetProperty("partner").GetString() == partner);
        Assert.Equal("Inbound", series.GetProperty("direction").GetString());
        Assert.Equal(4, series.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64()));
        Assert.Equal(overview.GetProperty("buckets").GetArrayLength(), series.GetProperty("counts").GetArrayLength());
    }

    [Fact]
    public async Task ExchangeOverview_OutOfRangeHours_IsAValidationProblem()
    {
        using var client = hub.Factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/dashboard/exchanges?hours=0", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hours", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyDraw_UnknownId_IsNotFound_AndAnUnreadableRecord_DoesNotMatch()
    {
        long id;
        await using (var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            var entry = new DrawLedgerEntry
            {
                TaskNumber = "RW-TEST-" + Guid.NewGuid().ToString("N")[..8], DrawnAt = hub.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow(), Algorithm = "x",
                EligibleHash = "00", EligibleCount = 0, DrawnCount = 0, Refused = false, RecordJson = "{}",
            };
            db.Draws.Add(entry);
            await db.SaveChangesAsync(Ct);
            id = entry.Id;
        }

        using var client = hub.Factory.CreateClientAs(AccountRoles.Viewer);
        using var unknown = await client.GetAsync(new Uri("/api/draws/999999999/verify", UriKind.Relative), Ct);
        var verdict = await client.GetFromJsonAsync<JsonElement>($"/api/draws/{id}/verify", HubFactory.Json, Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.False(verdict.GetProperty("match").GetBoolean());
        Assert.Contains("cannot be read", verdict.GetProperty("firstDifference").GetString(), StringComparison.Ordinal);
    }
}
