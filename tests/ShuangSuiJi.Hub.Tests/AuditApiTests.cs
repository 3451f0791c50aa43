using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Draws;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>Administrative acts leave audit entries naming who did what to which record; the audit API is for administrators.</summary>
public sealed class AuditApiTests(AccessHub hub) : IClassFixture<AccessHub>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => hub.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task Resolution_LeavesOneEntry_WithTheAdministratorTheActAndTheRecord()
    {
        var (client, name) = Administrator();
        using var _ = client;
        var clash = await SeedConflictAsync();
        using var run = await client.PostAsJsonAsync("/api/reconciliation/run", new { kind = "target", left = "GS", right = "FX", full = true }, Ct);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);

        using var resolve = await client.PostAsJsonAsync($"/api/reconciliation/items/target/GS/FX/{clash}/resolve",
            new { action = "Ignore", reason = "名称变更登记在途", expiresAt = Now.AddDays(30) }, Ct);
        using var again = await client.PostAsJsonAsync("/api/reconciliation/items/target/GS/FX/91360103NOSUCHKEY0/resolve",
            new { action = "Ignore", reason = "不存在的记录", expiresAt = Now.AddDays(30) }, Ct);

        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var entries = await EntriesAsync(name);
        var resolution = Assert.Single(entries, e => e.Act == AuditActs.Resolution && e.Outcome == AuditOutcomes.Succeeded);
        Assert.Equal($"target GS/FX {clash}", resolution.Subject);
        Assert.Contains("名称变更登记在途", resolution.Detail, StringComparison.Ordinal);
        Assert.Contains("Ignore", resolution.Detail, StringComparison.Ordinal);
        var refused = Assert.Single(entries, e => e.Act == AuditActs.Resolution && e.Outcome == AuditOutcomes.Refused);
        Assert.Equal("target GS/FX 91360103NOSUCHKEY0", refused.Subject);
        var reconcile = Assert.Single(entries, e => e.Act == AuditActs.Reconcile);
        Assert.Equal("Target GS/FX", reconcile.Subject, ignoreCase: true);
    }

    [Fact]
    public async Task Resubmit_LeavesOneEntry_NamingTheDeadLettersPutBackInLine()
    {
        var (client, name) = Administrator();
        using var _ = client;
        var id = await DeadLetterAsync();

        using var response = await client.PostAsJsonAsync("/api/deliveries/resubmit", new { ids = new[] { id } }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await EntriesAsync(name));
        Assert.Equal(AuditActs.Resubmit, entry.Act);
        Assert.Equal($"deliveries {id}", entry.Subject);
        Assert.Equal("1 resubmitted", entry.Detail);
        Assert.Equal(AuditOutcomes.Succeeded, entry.Outcome);
    }

    [Fact]
    public async Task DrawVerify_LeavesOneEntry_WithTheDrawAndTheVerdict()
    {
        var (client, name) = Administrator();
        using var _ = client;
        long id;
        await using (var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            var draw = new DrawLedgerEntry
            {
                TaskNumber = "RW-AUDIT-" + Guid.NewGuid().ToString("N")[..8], DrawnAt = Now, Algorithm = "x",
                EligibleHash = "00", EligibleCount = 0, DrawnCount = 0, Refused = false, RecordJson = "{}",
            };
            db.Draws.Add(draw);
            await db.SaveChangesAsync(Ct);
            id = draw.Id;
        }

        using var response = await client.GetAsync(new Uri($"/api/draws/{id}/verify", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await EntriesAsync(name));
        Assert.Equal(AuditActs.DrawVerify, entry.Act);
        Assert.Equal($"draw {id}", entry.Subject);
        Assert.StartsWith("MISMATCH", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditApi_ListsFiltersAndVerifies_ForAnAdministrator()
    {
        var (client, name) = Administrator();
        using var _ = client;
        using (await client.PostAsJsonAsync("/api/deliveries/resubmit", new { partner = "ZJ", route = "no-such-route" }, Ct))
        {
        }

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/audit?actor={name}&act={AuditActs.Resubmit}", HubFactory.Json, Ct);
        var verify = await client.GetFromJsonAsync<JsonElement>("/api/audit/verify", HubFactory.Json, Ct);

        Assert.Equal(1, page.GetProperty("total").GetInt64());
        Assert.Equal("dead letters of ZJ no-such-route", page.GetProperty("items")[0].GetProperty("subject").GetString());
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
        Assert.True(verify.GetProperty("last").GetInt64() >= 1);
        Assert.Matches("^[0-9a-f]{64}$", verify.GetProperty("headHash").GetString());
    }

    [Fact]
    public async Task AuditApi_Viewer_IsForbidden_EveryEndpoint()
    {
        using var viewer = hub.Factory.CreateClientAs(AccountRoles.Viewer, followRedirects: false);

        foreach (var path in (string[])["/api/audit", "/api/audit/verify", "/api/audit/export?format=csv"])
        {
            using var response = await viewer.GetAsync(new Uri(path, UriKind.Relative), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Export_Csv_HasTheHeader_AndIsItselfAudited()
    {
        var (client, name) = Administrator();
        using var _ = client;

        using var response = await client.GetAsync(new Uri("/api/audit/export?format=csv", UriKind.Relative), Ct);
        var csv = await response.Content.ReadAsStringAsync(Ct);
        using var bad = await client.GetAsync(new Uri("/api/audit/export?format=pdf", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Sequence,At,Actor,Act,Subject,Outcome,Detail,Address,PreviousHash,Hash", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var entry = Assert.Single(await EntriesAsync(name));
        Assert.Equal(AuditActs.Export, entry.Act);
        Assert.Equal("audit", entry.Subject);
    }

    [Fact]
    public async Task ExchangeSettingsReloaded_WithAChange_AreAuditedByKeyWithoutValues()
    {
        var configuration = (IConfigurationRoot)hub.Factory.Services.GetRequiredService<IConfiguration>();
        var before = await CountAsync(AuditActs.ConfigurationChange);

        configuration["Exchange:Delivery:FlushSize"] = "49";
        configuration.Reload();

        AuditEntry? entry = null;
        for (var i = 0; i < 100 && entry is null; i++)
        {
            await Task.Delay(50, Ct);
            await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            entry = await db.AuditEntries.AsNoTracking().Where(e => e.Act == AuditActs.ConfigurationChange && e.Detail!.Contains("Delivery:FlushSize"))
                .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(Ct);
        }

        Assert.NotNull(entry);
        Assert.Equal("Exchange", entry.Subject);
        Assert.Equal("system", entry.Actor);
        Assert.DoesNotContain("49", entry.Detail, StringComparison.Ordinal);
        Assert.True(await CountAsync(AuditActs.ConfigurationChange) > before);
    }

    [Fact]
    public async Task RetentionJob_IsScheduledDaily_AndKeepsARecentTrailWhole()
    {
        using (var resubmit = await Administrator().Client.PostAsJsonAsync("/api/deliveries/resubmit", new { partner = "ZJ", route = "retention" }, Ct))
        {
            Assert.True(resubmit.IsSuccessStatusCode, $"resubmit answered {(int)resubmit.StatusCode}");
        }

        var before = await CountAsync(AuditActs.Resubmit);
        Assert.True(before > 0, "the resubmit was audited");
        await hub.Factory.Services.GetRequiredService<Auditing.AuditRetentionJob>().RunAsync(Ct);

        using var connection = hub.Factory.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var job = Assert.Single(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == Auditing.AuditRetentionJob.Name);
        Assert.Equal("30 3 * * *", job.Cron);
        Assert.Equal(before, await CountAsync(AuditActs.Resubmit));
        Assert.Equal(0, await CountAsync(AuditActs.Purge));
    }

    /// <summary>A client signed in as a fresh administrator, and its name (the actor its acts are recorded under).</summary>
    private (HttpClient Client, string Name) Administrator()
    {
        var account = hub.Factory.CreateAccount(AccountRoles.Administrator, null, "Audit-Admin-2026", name: $"audit-{Guid.NewGuid():N}"[..20]);
        var cookies = new System.Net.CookieContainer();
        cookies.Add(hub.Factory.ClientOptions.BaseAddress, hub.Factory.SessionCookie(account));
        return (hub.Factory.CreateDefaultClient(hub.Factory.ClientOptions.BaseAddress, new CookieContainerHandler(cookies)), account.Name);
    }

    private async Task<List<AuditEntry>> EntriesAsync(string actor)
    {
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Actor == actor).OrderBy(e => e.Sequence).ToListAsync(Ct);
    }

    private async Task<int> CountAsync(string act)
    {
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        return await db.AuditEntries.CountAsync(e => e.Act == act, Ct);
    }

    /// <summary>One dead-lettered delivery of a route of its own.</summary>
    private async Task<Guid> DeadLetterAsync()
    {
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var delivery = new Delivery
        {
            Id = Guid.NewGuid(), EventId = Guid.NewGuid(), EventType = "TaskPublished", Subject = "RW-AUDIT", Partner = "ZJ", Route = "audit-" + Guid.NewGuid().ToString("N")[..8],
            IdempotencyKey = Guid.NewGuid().ToString("N"), Payload = "{}", Status = DeliveryStatus.DeadLettered, Attempts = 6, CreatedAt = Now,
            NextAttemptAt = Now, LastError = "test",
        };
        db.Deliveries.Add(delivery);
        await db.SaveChangesAsync(Ct);
        return delivery.Id;
    }

    /// <summary>A target whose GS and FX copies disagree on the name; its key is new to this test.</summary>
    private async Task<string> SeedConflictAsync()
    {
        var key = "91360103" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var now = Now;
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        Copy(db, "GS", "Target", key, $$"""{"creditCode":"{{key}}","name":"南昌市好药店"}""", now);
        Copy(db, "FX", "RiskAssessment", key, $$"""{"creditCode":"{{key}}","name":"南昌市坏药店","grade":"C"}""", now);
        await db.SaveChangesAsync(Ct);
        return key;
    }

    private static void Copy(HubDbContext db, string partner, string kind, string key, string json, DateTimeOffset at) =>
        db.PartnerRecords.Add(new PartnerRecord { Partner = partner, Kind = kind, Key = key, Json = json, Hash = db.Cipher.ContentHash(json), UpdatedAt = at });
}
