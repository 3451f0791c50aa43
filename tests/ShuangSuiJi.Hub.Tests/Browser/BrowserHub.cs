using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests.Browser;

/// <summary>
/// The hub on a real loopback port (Kestrel through <c>WebApplicationFactory.UseKestrel</c>), the five partner
/// simulators in-process, and Debian's Chromium driven by Playwright (never a downloaded browser).
/// </summary>
public sealed class BrowserHub : IAsyncDisposable
{
    private BrowserHub(HubFactory factory, Uri address, IPlaywright playwright, IBrowser browser)
    {
        Factory = factory;
        Address = address;
        Playwright = playwright;
        Browser = browser;
    }

    public HubFactory Factory { get; }

    /// <summary>Where the hub listens, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    /// <summary>Screenshots go to <c>TestResults/screenshots/</c> in the test's output directory.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    /// <summary>
    /// The Chromium to drive: <c>SSJ_TEST_CHROMIUM</c>, else <c>chromium</c> on the PATH. Missing, the test fails
    /// when <c>SSJ_TEST_REQUIRE_SERVERS=1</c> (eng/test.sh installs it) and is skipped otherwise.
    /// </summary>
    public static string RequireChromium()
    {
        var configured = Environment.GetEnvironmentVariable("SSJ_TEST_CHROMIUM");
        var path = configured is { Length: > 0 }
            ? configured
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
                .FirstOrDefault(File.Exists);
        if (path is not null && File.Exists(path))
        {
            return path;
        }

        if (Environment.GetEnvironmentVariable("SSJ_TEST_REQUIRE_SERVERS") == "1")
        {
            Assert.Fail($"Chromium not found (SSJ_TEST_CHROMIUM={configured}), but the browser tests are required here; eng/test.sh installs it.");
        }

        Assert.Skip("Chromium not found: set SSJ_TEST_CHROMIUM or run the tests through eng/test.sh, which installs it.");
        return "";
    }

    public static async Task<BrowserHub> StartAsync(CancellationToken cancellationToken)
    {
        var chromium = RequireChromium();
        var factory = new HubFactory(TestStore.Sqlite(), new Dictionary<string, string?>
        {
            ["Simulators:Enabled"] = "true",
            ["Simulators:FieldWork"] = "false",
            ["Exchange:PullOnStart"] = "false",
        });
        try
        {
            factory.UseKestrel(0);
            factory.StartServer();
            var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            factory.ClientOptions.BaseAddress = address; // the factory's clients go through the real port too
            await factory.WaitUntilReadyAsync(cancellationToken);
            var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
            return new BrowserHub(factory, address, playwright, browser);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>A browser context already signed in as <paramref name="account"/>.</summary>
    public async Task<IBrowserContext> ContextAsAsync(Account account)
    {
        var context = await NewContextAsync();
        var cookie = Factory.SessionCookie(account);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = cookie.Name, Value = cookie.Value, Url = Address.ToString() }]);
        return context;
    }

    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Address.ToString(), Locale = "zh-CN", TimezoneId = "Asia/Shanghai", ViewportSize = new ViewportSize { Width = 1360, Height = 900 } });

    /// <summary>An API client on the real port, signed in as <paramref name="account"/>.</summary>
    public HttpClient ApiClientAs(Account account)
    {
        var cookies = new CookieContainer();
        cookies.Add(Address, Factory.SessionCookie(account));
#pragma warning disable CA2000 // The client owns the handler (disposeHandler: true).
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies }, disposeHandler: true) { BaseAddress = Address };
#pragma warning restore CA2000
    }

    /// <summary>Saves a full-page screenshot and prints its path.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Factory.DisposeAsync();
    }
}
