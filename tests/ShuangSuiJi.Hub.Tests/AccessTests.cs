using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>A seeded SQLite hub whose tests each create their own accounts.</summary>
public sealed class AccessHub : IAsyncLifetime
{
    public HubFactory Factory { get; private set; } = null!; // Set in InitializeAsync before any test runs.

    public async ValueTask InitializeAsync()
    {
        Factory = new HubFactory(TestStore.Sqlite());
        await Factory.WaitUntilReadyAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Login, roles, the forced password change, lockout and the department scope.</summary>
public sealed partial class AccessTests(AccessHub hub) : IClassFixture<AccessHub>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Everything a visitor without a session may reach: login, password change and second factor, health, and the enterprise's evaluation form (its signed link is the credential).</summary>
    private static readonly string[] Anonymous = ["GET /account/password", "GET /account/second-factor", "GET /evaluate/x", "GET /health/live", "GET /health/ready", "GET /login", "POST /account/password", "POST /account/second-factor", "POST /evaluate/x", "POST /login", "POST /logout"];

    private List<(string Method, string Path, bool AllowsAnonymous)> Endpoints() =>
    [
        .. hub.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, Sample(e.RoutePattern.RawText ?? ""), e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .Distinct()
            .OrderBy(e => e.Item2, StringComparer.Ordinal).ThenBy(e => e.m, StringComparer.Ordinal),
    ];

    /// <summary>A concrete path for a route pattern: numbers for numeric parameters, a word otherwise.</summary>
    private static string Sample(string pattern) =>
        "/" + RouteParameter().Replace(pattern.TrimStart('/'), m => m.Value.Contains(":long", StringComparison.Ordinal) || m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : "x");

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), new Uri(path, UriKind.Relative))
    {
        Content = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsDelete(method) ? null : JsonContent.Create(new { }),
    };

    [Fact]
    public void OnlyLoginPasswordAndHealth_AllowAnonymousVisitors()
    {
        var open = Endpoints().Where(e => e.AllowsAnonymous).Select(e => $"{e.Method} {e.Path}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Anonymous, open);
    }

    [Fact]
    public async Task EveryEndpoint_Anonymous_IsRefusedOrSentToLogin()
    {
        using var client = hub.Factory.CreateAnonymousClient(followRedirects: false);
        var endpoints = Endpoints().Where(e => !e.AllowsAnonymous).Select(e => (e.Method, e.Path))
            .Concat([("GET", "/"), ("GET", "/index.html"), ("GET", "/app.js"), ("GET", "/swagger/index.html"), ("GET", "/hangfire")]).ToList();
        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");

        var wrong = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            using var response = await client.SendAsync(Request(method, path), Ct);
            var api = path.StartsWith("/api/", StringComparison.Ordinal) || path == "/api";
            var ok = api
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.AbsolutePath == "/login";
            if (!ok)
            {
                wrong.Add($"{method} {path}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("revoked")]
    [InlineData("expired")]
    public async Task EveryEndpoint_WithABadApiKey_IsRefused(string kind)
    {
        var key = kind switch
        {
            "unknown" => ApiKeySecret.Create().Key,
            "revoked" => hub.Factory.CreateApiKey(AccountRoles.Administrator, revoked: true),
            _ => hub.Factory.CreateApiKey(AccountRoles.Administrator, expiresAt: hub.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(-1)),
        };
        using var client = hub.Factory.CreateApiKeyClient(key);
        var endpoints = Endpoints().Where(e => !e.AllowsAnonymous).Select(e => (e.Method, e.Path))
            .Concat([("GET", "/"), ("GET", "/app.js"), ("GET", "/swagger/index.html"), ("GET", "/hangfire")]).ToList();

        var wrong = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            using var response = await client.SendAsync(Request(method, path), Ct);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                wrong.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task EveryStateChangingApiEndpoint_ViewerApiKey_IsForbidden()
    {
        using var viewer = hub.Factory.CreateApiKeyClient(hub.Factory.CreateApiKey(AccountRoles.Viewer));
        var writes = Endpoints().Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) && !HttpMethods.IsGet(e.Method) && !HttpMethods.IsHead(e.Method)).ToList();
        Assert.NotEmpty(writes);

        var wrong = new List<string>();
        foreach (var (method, path, _) in writes)
        {
            using var response = await viewer.SendAsync(Request(method, path), Ct);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task EveryStateChangingApiEndpoint_Viewer_IsForbidden()
    {
        using var viewer = hub.Factory.CreateClientAs(AccountRoles.Viewer, followRedirects: false);
        var writes = Endpoints().Where(e => e.Path.StartsWith("/api/", StringComparison.Ordinal) && !HttpMethods.IsGet(e.Method) && !HttpMethods.IsHead(e.Method)).ToList();
        Assert.NotEmpty(writes);

        var wrong = new List<string>();
        foreach (var (method, path, _) in writes)
        {
            using var response = await viewer.SendAsync(Request(method, path), Ct);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{method} {path}: {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Viewer_ReadsTheApi_ButNotHangfire()
    {
        using var viewer = hub.Factory.CreateClientAs(AccountRoles.Viewer, followRedirects: false);
        using var admin = hub.Factory.CreateClient();

        using var status = await viewer.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);
        using var hangfire = await viewer.GetAsync(new Uri("/hangfire", UriKind.Relative), Ct);
        using var adminHangfire = await admin.GetAsync(new Uri("/hangfire", UriKind.Relative), Ct);
        using var dashboard = await viewer.GetAsync(new Uri("/", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, hangfire.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminHangfire.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("双随机", await dashboard.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstLogin_MustChangePassword_BeforeAnythingElse()
    {
        // A viewer: an administrator continues to the second factor (IdentityTests).
        var account = hub.Factory.CreateAccount(AccountRoles.Viewer, null, "initial-Passw0rd", mustChangePassword: true);
        using var client = hub.Factory.CreateAnonymousClient(followRedirects: false);

        using var login = await PostFormAsync(client, "/login", new() { ["name"] = account.Name, ["password"] = "initial-Passw0rd", ["returnUrl"] = "/" });
        using var blocked = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        using var tooShort = await PostFormAsync(client, "/account/password", new() { ["current"] = "initial-Passw0rd", ["next"] = "short", ["confirmation"] = "short" });
        using var changed = await PostFormAsync(client, "/account/password", new() { ["current"] = "initial-Passw0rd", ["next"] = "a-much-better-one-42!", ["confirmation"] = "a-much-better-one-42!" });
        using var allowed = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);

        Assert.Equal("/account/password", login.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal("/account/password", page.Headers.Location?.OriginalString);
        Assert.StartsWith("/account/password?error=", tooShort.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/", changed.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenForTheRightOne()
    {
        var account = hub.Factory.CreateAccount(AccountRoles.Viewer, null, "right-Passw0rd");
        using var client = hub.Factory.CreateAnonymousClient(followRedirects: false);
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await PostFormAsync(client, "/login", new() { ["name"] = account.Name, ["password"] = "wrong" });
            Assert.Contains("error=", wrong.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using var locked = await PostFormAsync(client, "/login", new() { ["name"] = account.Name, ["password"] = "right-Passw0rd" });
        using var status = await client.GetAsync(new Uri("/api/status", UriKind.Relative), Ct);

        Assert.Contains(Uri.EscapeDataString("锁定"), locked.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, status.StatusCode);
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var stored = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account.Id, Ct);
        Assert.True(stored.LockedUntil > hub.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddMinutes(14));
    }

    [Fact]
    public async Task Login_WithTheRightPassword_OpensASession_AndLogoutEndsIt()
    {
        var account = hub.Factory.CreateAccount(AccountRoles.Viewer, null, "right-Passw0rd");
        using var client = hub.Factory.CreateAnonymousClient(followRedirects: false);

        using var login = await PostFormAsync(client, "/login", new() { ["name"] = account.Name, ["password"] = "right-Passw0rd", ["returnUrl"] = "//evil.example/" });
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me", HubFactory.Json, Ct);
        using var logout = await PostFormAsync(client, "/logout", []);
        using var after = await client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct);

        Assert.Equal("/", login.Headers.Location?.OriginalString);
        Assert.Equal(account.Name, me.GetProperty("name").GetString());
        Assert.False(me.GetProperty("canAct").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task FirstStart_CreatesAdmin_WhoMustChangeThePassword()
    {
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var admin = await db.Accounts.AsNoTracking().SingleAsync(a => a.Name == "admin", Ct);

        Assert.Equal(AccountRoles.Administrator, admin.Role);
        Assert.True(admin.MustChangePassword);
        Assert.Null(admin.DepartmentCode);
    }

    [Fact]
    public async Task DepartmentScopedAccount_SeesItsDepartmentAndBelow_Only()
    {
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var all = await db.Departments.AsNoTracking().Select(d => new { d.Code, d.ParentCode }).ToListAsync(Ct);
        // A department in the middle with work below it: the parent of a department that initiated tasks.
        var initiators = await db.Tasks.AsNoTracking().Select(t => t.InitiatingDepartmentCode).Distinct().ToListAsync(Ct);
        var root = all.Where(d => initiators.Contains(d.Code) && d.ParentCode is not null).Select(d => d.ParentCode!)
            .First(p => all.Any(d => d.Code == p && d.ParentCode is not null));
        var expected = new HashSet<string>([root], StringComparer.Ordinal);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var d in all.Where(d => d.ParentCode is not null && expected.Contains(d.ParentCode) && !expected.Contains(d.Code)))
            {
                grew |= expected.Add(d.Code);
            }
        }

        var outside = all.First(d => !expected.Contains(d.Code)).Code;
        using var scoped = hub.Factory.CreateClientAs(AccountRoles.Viewer, root);

        var tasks = await scoped.GetFromJsonAsync<JsonElement>("/api/tasks?pageSize=500", HubFactory.Json, Ct);
        var lights = await scoped.GetFromJsonAsync<JsonElement>("/api/dashboard/lights", HubFactory.Json, Ct);
        using var own = await scoped.GetAsync(new Uri($"/api/kpis?department={root}", UriKind.Relative), Ct);
        using var other = await scoped.GetAsync(new Uri($"/api/kpis?department={outside}", UriKind.Relative), Ct);

        Assert.NotEmpty(tasks.GetProperty("items").EnumerateArray());
        Assert.All(tasks.GetProperty("items").EnumerateArray(), t => Assert.Contains(t.GetProperty("initiatingDepartmentCode").GetString()!, expected));
        Assert.NotEmpty(lights.EnumerateArray());
        Assert.All(lights.EnumerateArray(), d => Assert.Contains(d.GetProperty("department").GetString()!, expected));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.True(expected.Count > 1, "the chosen department has departments below it");
    }

    [Fact]
    public async Task Live_SendsAStatusSnapshot()
    {
        using var client = hub.Factory.CreateClientAs(AccountRoles.Viewer);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        using var response = await client.GetAsync(new Uri("/api/live", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var lines = new List<string>();
        string? data = null;
        while (data is null && await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            lines.Add(line);
            data = line.StartsWith("data: ", StringComparison.Ordinal) ? line["data: ".Length..] : null;
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("event: status", lines);
        using var snapshot = JsonDocument.Parse(data ?? "{}");
        Assert.True(snapshot.RootElement.TryGetProperty("deadLettered", out _), data); // camelCase, as the rest of the API
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content, Ct);
    }
}
