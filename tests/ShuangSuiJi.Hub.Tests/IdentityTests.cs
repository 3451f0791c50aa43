using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>API keys, the TOTP second factor, the periodic password change and the absolute session lifetime.</summary>
public sealed partial class IdentityTests(AccessHub hub) : IClassFixture<AccessHub>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => hub.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    [Fact]
    public async Task ApiKey_Valid_ReadsTheApiAsItsRole()
    {
        using var client = hub.Factory.CreateApiKeyClient(hub.Factory.CreateApiKey(AccountRoles.Viewer));

        using var status = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me", HubFactory.Json, Ct);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.StartsWith("apikey:test-key-", me.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(AccountRoles.Viewer, me.GetProperty("role").GetString());
        Assert.False(me.GetProperty("canAct").GetBoolean());
    }

    [Theory]
    [InlineData("unknown", "unknown")]
    [InlineData("revoked", "revoked")]
    [InlineData("expired", "expired")]
    [InlineData("malformed", "does not hold a key")]
    public async Task ApiKey_UnknownRevokedOrExpired_Is401WithAProblemSayingWhich(string kind, string detail)
    {
        var key = kind switch
        {
            "unknown" => ApiKeySecret.Create().Key,
            "revoked" => hub.Factory.CreateApiKey(AccountRoles.Administrator, revoked: true),
            "expired" => hub.Factory.CreateApiKey(AccountRoles.Administrator, expiresAt: Now.AddMinutes(-1)),
            _ => "not-a-key",
        };
        using var client = hub.Factory.CreateApiKeyClient(key);

        using var response = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(HubFactory.Json, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("API key refused", problem.GetProperty("title").GetString());
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKey_Viewer_CannotPostAnAdministratorAct()
    {
        using var viewer = hub.Factory.CreateApiKeyClient(hub.Factory.CreateApiKey(AccountRoles.Viewer));

        using var run = await viewer.PostAsJsonAsync("/api/reconciliation/run", new { kind = "target", left = "GS", right = "FX", full = true }, Ct);
        using var hangfire = await viewer.GetAsync(new Uri("/hangfire", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, run.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, hangfire.StatusCode);
    }

    [Fact]
    public async Task ApiKey_ScopedToADepartment_IsScopedAsAnAccountIs()
    {
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var departments = await db.Departments.AsNoTracking().Where(d => d.ParentCode != null).Select(d => new { d.Code, d.ParentCode }).ToListAsync(Ct);
        var root = departments[0].Code;
        var outside = departments[0].ParentCode!; // Not null by the Where above; a parent is outside its child's scope.
        using var client = hub.Factory.CreateApiKeyClient(hub.Factory.CreateApiKey(AccountRoles.Viewer, root));

        using var own = await client.GetAsync(new Uri($"/api/kpis?department={root}", UriKind.Relative), Ct);
        using var other = await client.GetAsync(new Uri($"/api/kpis?department={outside}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task ApiKey_LastUse_IsRecorded()
    {
        var key = hub.Factory.CreateApiKey(AccountRoles.Viewer);
        using var client = hub.Factory.CreateApiKeyClient(key);

        using var status = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);

        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var row = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Prefix == ApiKeySecret.PrefixOf(key), Ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.NotNull(row.LastUsedAt);
        Assert.Equal(ApiKeySecret.Hash(key), row.KeyHash); // only the hash is stored
    }

    [Fact]
    public async Task Administrator_FirstLogin_ChangesPassword_EnrolsTotp_ThenEveryLoginAsksForAFreshCode()
    {
        var account = hub.Factory.CreateAccount(AccountRoles.Administrator, null, "initial-Passw0rd", mustChangePassword: true);
        using var client = hub.Factory.CreateAnonymousClient(followRedirects: false);

        using var login = await PostFormAsync(client, "/login", new() { ["name"] = account.Name, ["password"] = "initial-Passw0rd" });
        using var change = await PostFormAsync(client, "/account/password", new() { ["current"] = "initial-Passw0rd", ["next"] = "Better-Passw0rd!", ["confirmation"] = "Better-Passw0rd!" });
        using var blocked = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);
        using var blockedPage = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        var enrolPage = await client.GetStringAsync(new Uri("/account/second-factor", UriKind.Relative), Ct);
        var secret = Secret().Match(enrolPage).Groups[1].Value;
        var first = Code(secret, 0);
        using var wrong = await PostFormAsync(client, "/account/second-factor", new() { ["code"] = Code(secret, 600) });
        using var enrolled = await PostFormAsync(client, "/account/second-factor", new() { ["code"] = first });
        using var allowed = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);

        Assert.Equal("/account/password", login.Headers.Location?.OriginalString);
        Assert.Equal("/account/second-factor", change.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal("/account/second-factor", blockedPage.Headers.Location?.OriginalString);
        Assert.Contains("data:image/png;base64,", enrolPage, StringComparison.Ordinal);
        Assert.Contains("otpauth://totp/ShuangSuiJi:", enrolPage, StringComparison.Ordinal);
        Assert.Equal(32, secret.Length);
        Assert.StartsWith("/account/second-factor?error=", wrong.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/", enrolled.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        // The next login asks for a code; the one already used is refused, a later one is accepted.
        using var next = hub.Factory.CreateAnonymousClient(followRedirects: false);
        using var again = await PostFormAsync(next, "/login", new() { ["name"] = account.Name, ["password"] = "Better-Passw0rd!" });
        var verifyPage = await next.GetStringAsync(new Uri("/account/second-factor", UriKind.Relative), Ct);
        using var reused = await PostFormAsync(next, "/account/second-factor", new() { ["code"] = first });
        using var pending = await next.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);
        using var fresh = await PostFormAsync(next, "/account/second-factor", new() { ["code"] = Code(secret, 30) });
        using var open = await next.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);

        Assert.Equal("/account/second-factor", again.Headers.Location?.OriginalString);
        Assert.DoesNotContain("totp-secret", verifyPage, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("已使用"), reused.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, pending.StatusCode);
        Assert.Equal("/", fresh.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var stored = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account.Id, Ct);
        Assert.NotNull(stored.TotpEnrolledAt);
        Assert.DoesNotContain(secret, stored.TotpSecret, StringComparison.Ordinal); // protected, not the Base32 secret
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Subject == $"account:{account.Name}").OrderBy(e => e.Sequence).ToListAsync(Ct);
        Assert.Contains(entries, e => e.Act == AuditActs.PasswordChange && e.Outcome == AuditOutcomes.Succeeded);
        Assert.Contains(entries, e => e.Act == AuditActs.SecondFactor && e.Detail == "TOTP enrolled");
        Assert.Contains(entries, e => e.Act == AuditActs.SecondFactor && e.Outcome == AuditOutcomes.Refused && e.Detail!.Contains("code already used", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Act == AuditActs.Login && e.Outcome == AuditOutcomes.Succeeded);
        Assert.All(entries, e => Assert.DoesNotContain("Passw0rd", $"{e.Detail} {e.Subject}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordOlderThanTheMaximumAge_ForcesTheChangeAtLogin()
    {
        var account = hub.Factory.CreateAccount(AccountRoles.Viewer, null, "Aging-Passw0rd");
        await using (var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordChangedAt, Now.AddDays(-91)), Ct);
        }

        using var client = hub.Factory.CreateAnonymousClient(followRedirects: false);
        using var login = await PostFormAsync(client, "/login", new() { ["name"] = account.Name, ["password"] = "Aging-Passw0rd" });
        using var blocked = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);
        var page = await client.GetStringAsync(new Uri("/account/password", UriKind.Relative), Ct);
        using var weak = await PostFormAsync(client, "/account/password", new() { ["current"] = "Aging-Passw0rd", ["next"] = "onlyletters", ["confirmation"] = "onlyletters" });
        using var changed = await PostFormAsync(client, "/account/password", new() { ["current"] = "Aging-Passw0rd", ["next"] = "Fresh-Passw0rd", ["confirmation"] = "Fresh-Passw0rd" });
        using var allowed = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);

        Assert.Equal("/account/password", login.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Contains("密码已到期", page, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString("须同时包含字母、数字和特殊字符"), weak.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Session_OlderThanTheAbsoluteLifetime_IsRefused()
    {
        var account = hub.Factory.CreateAccount(AccountRoles.Viewer, null, "Session-Passw0rd");
        using var young = hub.Factory.CreateClientWithCookie(hub.Factory.SessionCookie(account, Now.AddHours(-7)), followRedirects: false);
        using var old = hub.Factory.CreateClientWithCookie(hub.Factory.SessionCookie(account, Now.AddHours(-8).AddMinutes(-1)), followRedirects: false);

        using var fine = await young.GetAsync(new Uri("/api/me", UriKind.Relative), Ct);
        using var expired = await old.GetAsync(new Uri("/api/me", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Login_Refused_IsAuditedWithTheReason_NeverThePassword()
    {
        var account = hub.Factory.CreateAccount(AccountRoles.Viewer, null, "Right-Passw0rd");
        using var client = hub.Factory.CreateAnonymousClient(followRedirects: false);

        using var wrong = await PostFormAsync(client, "/login", new() { ["name"] = account.Name, ["password"] = "Wrong-Secret-77" });

        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Subject == $"account:{account.Name}").SingleAsync(Ct);
        Assert.Equal((AuditActs.Login, AuditOutcomes.Refused, "wrong password"), (entry.Act, entry.Outcome, entry.Detail));
        Assert.DoesNotContain("Wrong-Secret-77", entry.Detail + entry.Actor + entry.Subject, StringComparison.Ordinal);
    }

    /// <summary>The TOTP code of <paramref name="secret"/> now, or <paramref name="offsetSeconds"/> later.</summary>
    private string Code(string secret, int offsetSeconds) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Now.AddSeconds(offsetSeconds).UtcDateTime);

    [GeneratedRegex("data-testid=\"totp-secret\">([A-Z2-7]+)<")]
    private static partial Regex Secret();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content, Ct);
    }
}
