using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Hub.Tests.Browser;

/// <summary>The administrators' dashboard in a real browser: login with the forced password change and the TOTP enrolment, the overview, a conflict resolved, a viewer's read-only view.</summary>
public sealed class DashboardBrowserTests
{
    private const string Same = "91360103MA38B2LM2C", Clash = "91360103MA38B2LN0X";

    private static readonly string[] Partners = ["CF", "FX", "GS", "SUP", "ZJ"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrator_LogsInChangesPasswordEnrolsTotp_SeesPartners_ResolvesAConflict_AndTheCountDrops()
    {
        await using var hub = await BrowserHub.StartAsync(Ct);
        var admin = hub.Factory.CreateAccount(AccountRoles.Administrator, null, "Initial-Pass-2026", mustChangePassword: true, name: "zhang.wei");
        await SeedConflictAsync(hub);
        using (var api = hub.ApiClientAs(hub.Factory.CreateAccount(AccountRoles.Administrator, null, "Other-Admin-2026")))
        {
            // Some traffic for the overview's numbers and chart.
            using var targets = await api.PostAsync(new Uri("/api/pulls/GS/targets/run", UriKind.Relative), null, Ct);
            using var departments = await api.PostAsync(new Uri("/api/pulls/SUP/departments/run", UriKind.Relative), null, Ct);
            Assert.Equal(HttpStatusCode.OK, targets.StatusCode);
        }

        await using var context = await hub.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);

        // Login, then the forced password change.
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/login"));
        await BrowserHub.ScreenshotAsync(page, "01-login");
        await page.FillAsync("input[name=name]", admin.Name);
        await page.FillAsync("input[name=password]", "Initial-Pass-2026");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await Assertions.Expect(page.GetByText("首次登录或密码已被重置")).ToBeVisibleAsync();
        await BrowserHub.ScreenshotAsync(page, "02-change-password");
        await page.FillAsync("input[name=current]", "Initial-Pass-2026");
        await page.FillAsync("input[name=next]", "A-New-Secret-2026");
        await page.FillAsync("input[name=confirmation]", "A-New-Secret-2026");
        await page.ClickAsync("form[action='/account/password'] button[type=submit]");

        // Administrators enrol a TOTP authenticator: the test reads the secret shown and computes the code, as an app would.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/second-factor$"));
        await Assertions.Expect(page.GetByTestId("totp-qr")).ToBeVisibleAsync();
        await BrowserHub.ScreenshotAsync(page, "02b-enrol-second-factor");
        var secret = await page.GetByTestId("totp-secret").InnerTextAsync();
        var now = hub.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await page.FillAsync("input[name=code]", new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(now.UtcDateTime));
        await page.ClickAsync("form[action='/account/second-factor'] button[type=submit]");

        // Overview: the five partners.
        await Assertions.Expect(page.GetByTestId("me")).ToContainTextAsync("zhang.wei");
        foreach (var partner in Partners)
        {
            await Assertions.Expect(page.GetByTestId($"partner-{partner}")).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.Locator("#live-text")).ToHaveTextAsync("实时");
        await BrowserHub.ScreenshotAsync(page, "03-overview");

        // One click from a partner's dead-letter count to its list, and back.
        await page.GetByTestId("deadletters-GS").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("GS 的死信");
        await Assertions.Expect(page.GetByText("没有死信。")).ToBeVisibleAsync();
        await page.GetByText("← 返回总览").ClickAsync();
        await Assertions.Expect(page.GetByTestId("partner-GS")).ToBeVisibleAsync();

        // Reconciliation: the pair shows one unresolved conflict.
        // (Another administrator's session: the browser's account changed its password, so its first cookie is void.)
        using (var api = hub.ApiClientAs(hub.Factory.CreateAccount(AccountRoles.Administrator, null, "Other-Admin-2026")))
        {
            using var run = await api.PostAsJsonAsync("/api/reconciliation/run", new { kind = "target", left = "GS", right = "FX", full = true }, Ct);
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        await page.ClickAsync("nav >> text=对账");
        var unresolved = page.GetByTestId("unresolved-target-GS-FX");
        await Assertions.Expect(unresolved).ToHaveTextAsync("1");
        await BrowserHub.ScreenshotAsync(page, "04-reconciliation");

        // Drill into the conflict, field by field, and ignore it with a reason.
        await page.GetByTestId("pair-target-GS-FX").GetByText("查看未处理冲突").ClickAsync();
        await page.GetByTestId($"item-{Clash}").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("item-class")).ToHaveTextAsync("冲突");
        await Assertions.Expect(page.GetByTestId("diffs")).ToContainTextAsync("南昌市坏药店");
        await BrowserHub.ScreenshotAsync(page, "05-conflict");
        await page.GetByTestId("action").SelectOptionAsync("Ignore");
        await page.GetByTestId("reason").FillAsync("企业名称变更登记在途，待公示系统更新");
        await page.GetByTestId("resolve").ClickAsync();
        await Assertions.Expect(page.Locator(".notice.done")).ToContainTextAsync("已处理");
        await Assertions.Expect(page.GetByTestId("item-resolution")).ToContainTextAsync("zhang.wei");
        await BrowserHub.ScreenshotAsync(page, "06-resolved");

        await page.ClickAsync("nav >> text=对账");
        await Assertions.Expect(page.GetByTestId("unresolved-target-GS-FX")).ToHaveTextAsync("0");
        await BrowserHub.ScreenshotAsync(page, "07-reconciliation-after");

        await page.ClickAsync("nav >> text=监管指标");
        await Assertions.Expect(page.GetByTestId("lights-tasks")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("kpi-inspectedShare")).ToBeVisibleAsync();
        await BrowserHub.ScreenshotAsync(page, "08-supervision");
        await page.ClickAsync("nav >> text=抽取");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("抽取");
        await BrowserHub.ScreenshotAsync(page, "09-draws");

        // Audit: the resolution is in the trail under the browser's account, and the chain verifies.
        await page.ClickAsync("nav >> text=审计");
        await Assertions.Expect(page.GetByTestId("audit-entries")).ToContainTextAsync("zhang.wei");
        await page.GetByTestId("audit-verify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-verdict")).ToContainTextAsync("链完整");
        await BrowserHub.ScreenshotAsync(page, "09b-audit");
    }

    [Fact]
    public async Task Viewer_SeesNoActionButtons_AndTheApiRefusesItsResolve()
    {
        await using var hub = await BrowserHub.StartAsync(Ct);
        var admin = hub.Factory.CreateAccount(AccountRoles.Administrator, null, "Admin-Pass-2026");
        var viewer = hub.Factory.CreateAccount(AccountRoles.Viewer, null, "Viewer-Pass-2026", name: "li.na");
        await SeedConflictAsync(hub);
        using (var api = hub.ApiClientAs(admin))
        {
            using var run = await api.PostAsJsonAsync("/api/reconciliation/run", new { kind = "target", left = "GS", right = "FX", full = true }, Ct);
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        await using var context = await hub.ContextAsAsync(viewer);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);

        await page.GotoAsync("/#/reconciliation");
        await Assertions.Expect(page.GetByTestId("unresolved-target-GS-FX")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-nav=audit]")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByText("立即全量对账")).ToHaveCountAsync(0);
        await page.GotoAsync($"/#/reconciliation/item/target/GS/FX/{Clash}");
        await Assertions.Expect(page.GetByTestId("read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("actions")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("resolve")).ToHaveCountAsync(0);
        await BrowserHub.ScreenshotAsync(page, "10-viewer-conflict");

        var status = await page.EvaluateAsync<int>($$"""
            async () => (await fetch("/api/reconciliation/items/target/GS/FX/{{Clash}}/resolve", {
              method: "POST", headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ action: "Ignore", reason: "试图越权", expiresAt: "2099-01-01T00:00:00+08:00" }) })).status
            """);
        Assert.Equal(403, status);
    }

    /// <summary>Two partners' conflicting copies of one target, and one they agree on.</summary>
    private static async Task SeedConflictAsync(BrowserHub hub)
    {
        var now = hub.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        Copy(db, "GS", "Target", Same, $$"""{"creditCode":"{{Same}}","name":"南昌市（东湖区）好药店","status":"Existing"}""", now);
        Copy(db, "FX", "RiskAssessment", Same, $$"""{"creditCode":"{{Same}}","name":"南昌市(东湖区)好药店","grade":"B","classifiedOn":"2026-01-01"}""", now);
        Copy(db, "GS", "Target", Clash, $$"""{"creditCode":"{{Clash}}","name":"南昌市好药店"}""", now);
        Copy(db, "FX", "RiskAssessment", Clash, $$"""{"creditCode":"{{Clash}}","name":"南昌市坏药店","grade":"C"}""", now);
        await db.SaveChangesAsync(Ct);
    }

    private static void Copy(HubDbContext db, string partner, string kind, string key, string json, DateTimeOffset at) =>
        db.PartnerRecords.Add(new PartnerRecord { Partner = partner, Kind = kind, Key = key, Json = json, Hash = db.Cipher.ContentHash(json), UpdatedAt = at });
}
