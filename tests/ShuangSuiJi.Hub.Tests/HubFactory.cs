using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
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

    /// <summary>
    /// A client signed in as an administrator of the whole province, so API tests read and act as before the login
    /// existed. Hides <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> on purpose: use
    /// <see cref="CreateAnonymousClient"/> for a client without a session.
    /// </summary>
    public new HttpClient CreateClient() => CreateClientAs(AccountRoles.Administrator);

    /// <summary>A client with no session (cookies and redirects handled as by the default client).</summary>
    public HttpClient CreateAnonymousClient(bool followRedirects = true) =>
        base.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = ClientOptions.BaseAddress, AllowAutoRedirect = followRedirects });

    /// <summary>A client signed in as a fresh account of <paramref name="role"/>, scoped to <paramref name="department"/> when given.</summary>
    public HttpClient CreateClientAs(string role, string? department = null, bool followRedirects = true)
    {
        var account = CreateAccount(role, department, AccountService.RandomPassword());
        return CreateClientFor(account, followRedirects);
    }

    /// <summary>Stores an account (as the hub's account service would) and answers it.</summary>
    public Account CreateAccount(string role, string? department, string password, bool mustChangePassword = false, string? name = null)
    {
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var account = new Account
        {
            Name = name ?? $"test-{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..40], PasswordHash = "", Role = role, DepartmentCode = department,
            MustChangePassword = mustChangePassword, PasswordChangedAt = now, CreatedAt = now,
        };
        account.PasswordHash = new PasswordHasher<Account>().HashPassword(account, password);
        using var db = Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        db.Accounts.Add(account);
        db.SaveChanges();
        return account;
    }

    /// <summary>The session cookie the hub itself would issue for <paramref name="account"/>, protected with the hub's own keys.</summary>
    public Cookie SessionCookie(Account account, DateTimeOffset? signedInAt = null)
    {
        var scheme = CookieAuthenticationDefaults.AuthenticationScheme;
        var options = Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(scheme);
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ticket = new AuthenticationTicket(AccessClaims.For(account, signedInAt ?? now), new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.ExpireTimeSpan }, scheme);
        return new Cookie(Hub.Access.ServiceCollectionExtensions.CookieName, options.TicketDataFormat.Protect(ticket), "/");
    }

    /// <summary>Stores an API key (as <c>ssj apikey create</c> would) and answers the key itself.</summary>
    public string CreateApiKey(string role, string? department = null, DateTimeOffset? expiresAt = null, bool revoked = false)
    {
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (key, prefix, hash) = ApiKeySecret.Create();
        using var db = Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        db.ApiKeys.Add(new ApiKey
        {
            Name = $"test-key-{Guid.NewGuid():N}", Role = role, DepartmentCode = department, Prefix = prefix, KeyHash = hash, CreatedBy = "test",
            CreatedAt = now, ExpiresAt = expiresAt, RevokedAt = revoked ? now : null,
        });
        db.SaveChanges();
        return key;
    }

    /// <summary>A client without a session that sends <paramref name="apiKey"/> in <c>X-Api-Key</c> on every request.</summary>
    public HttpClient CreateApiKeyClient(string apiKey)
    {
        var client = CreateAnonymousClient(followRedirects: false);
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private HttpClient CreateClientWithSession(Account account, bool followRedirects) => CreateClientWithCookie(SessionCookie(account), followRedirects);

    /// <summary>A client with a session of <paramref name="account"/>, as if it had just signed in.</summary>
    public HttpClient CreateClientFor(Account account, bool followRedirects = true) => CreateClientWithSession(account, followRedirects);

    /// <summary>A client carrying <paramref name="cookie"/> (e.g. a session cookie made with <see cref="SessionCookie"/>).</summary>
    public HttpClient CreateClientWithCookie(Cookie cookie, bool followRedirects)
    {
        var cookies = new CookieContainer();
        cookies.Add(ClientOptions.BaseAddress, cookie);
        DelegatingHandler[] handlers = followRedirects
            ? [new RedirectHandler(), new CookieContainerHandler(cookies)]
            : [new CookieContainerHandler(cookies)];
        return CreateDefaultClient(ClientOptions.BaseAddress, handlers);
    }

    /// <summary>Polls <c>/health/ready</c> until healthy (the seed loads in the background), failing with the last report after a minute.</summary>
    public async Task<JsonElement> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var client = CreateAnonymousClient();
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
