using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>The embedded default: simulators in-process, pulls runnable, the status shape monitoring tools rely on.</summary>
public sealed class ExchangesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HubFactory EmbeddedDefault() => new(TestStore.Sqlite(), new Dictionary<string, string?>
    {
        ["Simulators:Enabled"] = "true",
        ["Simulators:FieldWork"] = "false",
        ["Exchange:PullOnStart"] = "false",
    });

    [Fact]
    public async Task Status_ListsTheFivePartners_InTheShapeMonitoringExpects()
    {
        await using var hub = EmbeddedDefault();
        await hub.WaitUntilReadyAsync(Ct);
        using var client = hub.CreateClient();

        using var run = await client.PostAsync(new Uri("/api/pulls/GS/targets/run", UriKind.Relative), null, Ct);
        var status = await client.GetFromJsonAsync<JsonElement>("/api/status", HubFactory.Json, Ct);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var partners = status.GetProperty("partners").EnumerateArray().ToList();
        Assert.Equal(["CF", "FX", "GS", "SUP", "ZJ"], partners.Select(p => p.GetProperty("name").GetString()));
        Assert.All(partners, p =>
        {
            foreach (var field in new[] { "pulled", "pushed", "failed", "deadLettered" })
            {
                Assert.Equal(JsonValueKind.Number, p.GetProperty(field).ValueKind);
            }

            Assert.True(p.TryGetProperty("lastSuccessAt", out _));
        });
        var gs = partners.Single(p => p.GetProperty("name").GetString() == "GS");
        Assert.Equal(300, gs.GetProperty("pulled").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, gs.GetProperty("lastSuccessAt").ValueKind);
    }

    [Fact]
    public async Task ExchangeLog_ShowsThePull_AndAnUnknownPullIs404WithTheChoices()
    {
        await using var hub = EmbeddedDefault();
        await hub.WaitUntilReadyAsync(Ct);
        using var client = hub.CreateClient();

        using var ok = await client.PostAsync(new Uri("/api/pulls/SUP/departments/run", UriKind.Relative), null, Ct);
        using var unknown = await client.PostAsync(new Uri("/api/pulls/SUP/nothing/run", UriKind.Relative), null, Ct);
        var log = await client.GetFromJsonAsync<JsonElement>("/api/exchanges?partner=SUP", HubFactory.Json, Ct);
        var entry = log.GetProperty("items")[0];
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/exchanges/{entry.GetProperty("id").GetInt64()}", HubFactory.Json, Ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("SUP/departments", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("SUP/departments", entry.GetProperty("operation").GetString());
        Assert.Equal("ok", entry.GetProperty("status").GetString());
        Assert.Contains("GET ", detail.GetProperty("request").GetString(), StringComparison.Ordinal);
        Assert.Contains("0000", detail.GetProperty("response").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExchangeLog_KeepsTheRosterResponse_WithIdNumbersMasked()
    {
        await using var hub = EmbeddedDefault();
        await hub.WaitUntilReadyAsync(Ct);
        using var client = hub.CreateClient();

        using var run = await client.PostAsync(new Uri("/api/pulls/SUP/inspectors/run", UriKind.Relative), null, Ct);
        var log = await client.GetFromJsonAsync<JsonElement>("/api/exchanges?partner=SUP", HubFactory.Json, Ct);
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/exchanges/{log.GetProperty("items")[0].GetProperty("id").GetInt64()}", HubFactory.Json, Ct);
        var response = detail.GetProperty("response").GetString()!;

        Assert.Contains("ZJHM", response, StringComparison.Ordinal);
        Assert.Matches(@"""ZJHM"":""\d{3}\*{11}[\dX]{4}""", response);
        Assert.DoesNotMatch(@"""ZJHM"":""\d{17}[\dX]""", response);
    }

    [Fact]
    public async Task Resubmit_WithoutIdsOrPartner_Is400()
    {
        await using var hub = EmbeddedDefault();
        await hub.WaitUntilReadyAsync(Ct);
        using var client = hub.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/deliveries/resubmit", new { }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
