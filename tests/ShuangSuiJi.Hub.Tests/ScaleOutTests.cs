using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Simulators;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>
/// Scaled out for real: two hub processes sharing a PostgreSQL store (and Hangfire storage) and a RabbitMQ bus, the
/// five simulators shared, partner faults on. One hub is killed mid-exchange, then the broker is restarted and a
/// second wave of results flows through it; the surviving hub finishes all the work.
/// </summary>
public sealed class ScaleOutTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoHubs_OneKilledMidExchange_BrokerRestarted_DeliverEveryResultToEveryRoutedPartner_ExactlyOnce()
    {
        var rabbit = TestServers.RequireRabbitMq();
        await using var store = await (await TestStore.PostgreSqlAsync()).MigratedAsync();
        await AddOperatorAsync(store);
        using var simulators = new PartnerSimulatorSet(300, 20250101);
        simulators.Cf.RequestsPerSecond = 4;   // 429 storms: the hubs pace CF at 15/s
        simulators.Sup.BusyFor(2);             // SUP answers "busy" twice
        var logs = Directory.CreateTempSubdirectory("ssj-scaleout-");
        var settings = store.Settings.Concat(simulators.Settings).ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["Bus:Transport"] = "RabbitMq";
        settings["Bus:RabbitMqUri"] = rabbit;
        settings["Hub:SeedOnStart"] = "false";
        settings["Hub:LogDirectory"] = logs.FullName;
        settings["Exchange:PullOnStart"] = "false";
        settings["Exchange:Delivery:BaseDelaySeconds"] = "0.2";
        settings["Exchange:Delivery:MaxDelaySeconds"] = "2";
        settings["Exchange:Delivery:MaxAttempts"] = "20";
        settings["Exchange:Delivery:LeaseSeconds"] = "5";
        settings["Exchange:Outbox:LeaseSeconds"] = "5";
        settings["Exchange:Schedules:ZJ/batch-tickets"] = "*/2 * * * * *"; // ZJ's tickets polled every 2 s, not every minute
        // The killed hub may die holding a job's lock (the ticket poll's, the recurring scheduler's): with the default
        // ten minutes the survivor would wait past the test's three. This test's jobs run for seconds.
        settings["Hangfire:LockTimeoutSeconds"] = "30";
        settings["Serilog:MinimumLevel:Default"] = "Warning";
        // This test is about two processes sharing the store and bus; the TOTP login has its own tests.
        settings["Access:RequireSecondFactorForAdministrators"] = "false";

        using var a = HubProcess.Start("hub-a", settings);
        using var b = HubProcess.Start("hub-b", settings);
        try
        {
            await a.WaitReadyAsync();
            await b.WaitReadyAsync();
            await a.LoginAsync(Operator, OperatorPassword);
            await b.LoginAsync(Operator, OperatorPassword);
            await a.PostAsync("/api/pulls/SUP/departments/run");
            await b.PostAsync("/api/pulls/GS/targets/run");

            var results = EnterResults(simulators, 40);
            await a.PostAsync("/api/pulls/SUP/results/run");
            await WaitAsync(store, async db => await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Delivered, Ct) >= 5, "the first deliveries");
            a.Kill(); // mid-exchange: claims, batches and publishes in flight

            // The broker restarts (when the test command provides the means); a second wave goes through it.
            var restart = Environment.GetEnvironmentVariable("SSJ_TEST_RABBITMQ_RESTART");
            Assert.True(restart is { Length: > 0 } || Environment.GetEnvironmentVariable("SSJ_TEST_REQUIRE_SERVERS") != "1", "the test command must provide SSJ_TEST_RABBITMQ_RESTART");
            if (restart is { Length: > 0 })
            {
                RestartBroker(restart);
            }

            results.AddRange(EnterResults(simulators, 20, skip: 40));
            await b.PostAsync("/api/pulls/SUP/results/run");

            var leads = results.Count(r => r is ResultOutcome.ProblemOrderedToCorrect or ResultOutcome.ProblemPendingInvestigation or ResultOutcome.Unqualified);
            var expected = (results.Count * 3) + leads;
            await WaitAsync(store, async db => await db.Deliveries.CountAsync(d => d.Status != DeliveryStatus.Pending && d.Status != DeliveryStatus.AwaitingTicket, Ct) == expected
                && await db.Deliveries.CountAsync(Ct) == expected, $"{expected} deliveries settled by the surviving hub");

            await using var check = store.Factory.CreateDbContext();
            Assert.Equal(0, await check.Deliveries.CountAsync(d => d.Status == DeliveryStatus.DeadLettered, Ct));
            Assert.Equal(60, simulators.Gs.Notices.Count);
            Assert.Equal(60, simulators.Zj.AcceptedRecords);
            Assert.Equal(leads, simulators.Cf.Clues.Count);
            Assert.Equal(60, simulators.Fx.ReceivedResults.Select(r => $"{r["rwbh"]}|{r["tyshxydm"]}|{r["bmbm"]}").Distinct().Count());
            Assert.True(simulators.Cf.Throttled > 0, "CF's 429s were part of the run");
        }
        finally
        {
            a.Kill();
            b.Kill();
            try
            {
                logs.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a killed hub may still hold its log file for a moment
            }
        }
    }

    private static void RestartBroker(string script)
    {
        using var restart = Process.Start(new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{script} did not start");
        var error = restart.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(restart.WaitForExit(TimeSpan.FromSeconds(120)), "the broker restart took over two minutes");
        Assert.True(restart.ExitCode == 0, $"the broker restart failed: {error.Result}");
    }

    private static List<ResultOutcome> EnterResults(PartnerSimulatorSet simulators, int count, int skip = 0)
    {
        ResultOutcome[] cycle = [ResultOutcome.NoProblemFound, ResultOutcome.ProblemOrderedToCorrect, ResultOutcome.Qualified, ResultOutcome.Unqualified, ResultOutcome.ProblemPendingInvestigation];
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = 300 });
        var department = generator.Departments().First(d => d.CreditCode is not null && d.Code.EndsWith("-SCJG", StringComparison.Ordinal));
        var targets = generator.Targets().Skip(skip).Take(count).ToList();
        var today = ChinaTime.Today(TimeProvider.System);
        var outcomes = targets.Select((_, i) => cycle[(skip + i) % cycle.Length]).ToList();
        simulators.EnterResults(targets.Select((t, i) => (new InspectionResult
        {
            TaskNumber = $"RW{today.Year}-{department.RegionCode}-0501",
            TargetCreditCode = t.CreditCode,
            DepartmentCode = department.Code,
            Outcome = outcomes[i],
            Findings = "现场检查",
            InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
            Method = CheckMethod.OnSite,
            InspectedOn = today,
            EnteredOn = today,
            Provenance = new Provenance("test", "test", TimeProvider.System.GetUtcNow()),
        }, t.Name)));
        return outcomes;
    }

    private static async Task WaitAsync(TestStore store, Func<Storage.HubDbContext, Task<bool>> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromMinutes(3))
        {
            await using (var db = store.Factory.CreateDbContext())
            {
                if (await condition(db))
                {
                    return;
                }
            }

            await Task.Delay(250, Ct);
        }

        await using var last = store.Factory.CreateDbContext();
        var states = await last.Deliveries.GroupBy(d => new { d.Partner, d.Status }).Select(g => $"{g.Key.Partner} {g.Key.Status} {g.Count()}").ToListAsync(Ct);
        var undispatched = await last.Outbox.CountAsync(m => m.DispatchedAt == null, Ct);
        Assert.Fail($"Timed out waiting for {what}: deliveries {string.Join(", ", states.Order(StringComparer.Ordinal))}; {undispatched} events not dispatched.");
    }

    private const string Operator = "scale-out-operator", OperatorPassword = "Scale-Out-Operator-2026";

    /// <summary>The administrator the test signs in as on both hubs (they share the store's accounts).</summary>
    private static async Task AddOperatorAsync(TestStore store)
    {
        await using var db = store.Factory.CreateDbContext();
        var now = TimeProvider.System.GetUtcNow();
        var account = new Account { Name = Operator, PasswordHash = "", Role = AccountRoles.Administrator, PasswordChangedAt = now, CreatedAt = now };
        account.PasswordHash = new PasswordHasher<Account>().HashPassword(account, OperatorPassword);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A hub as its own process, on a free loopback port.</summary>
    private sealed class HubProcess : IDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http;

        private HubProcess(Process process, Uri url)
        {
            _process = process;
            // Its own cookie jar: each hub process signs the test in through its login form.
#pragma warning disable CA2000 // The client owns the handler (disposeHandler: true).
            _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }, disposeHandler: true)
            {
                BaseAddress = url, Timeout = TimeSpan.FromMinutes(2),
            };
#pragma warning restore CA2000
        }

        public static HubProcess Start(string name, IReadOnlyDictionary<string, string?> settings)
        {
            var port = FreePort();
            var hub = HubBinary();
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(hub)!, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(hub);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development"; // production refuses the simulators' development secrets
            foreach (var (key, value) in settings.Append(new("Urls", $"http://127.0.0.1:{port}")).Append(new("Exchange:InstanceName", name)))
            {
                start.ArgumentList.Add($"--{key}={value}");
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new HubProcess(process, new Uri($"http://127.0.0.1:{port}"));
        }

        public async Task WaitReadyAsync()
        {
            var started = TimeProvider.System.GetTimestamp();
            while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromMinutes(2))
            {
                Assert.False(_process.HasExited, $"the hub exited with code {(_process.HasExited ? _process.ExitCode : 0)}");
                try
                {
                    using var response = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(250, Ct);
            }

            Assert.Fail("a hub process did not become ready");
        }

        public async Task LoginAsync(string name, string password)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name, ["password"] = password });
            using var response = await _http.PostAsync(new Uri("/login", UriKind.Relative), form, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/", $"login: {(int)response.StatusCode} {response.Headers.Location}");
        }

        public async Task PostAsync(string path)
        {
            using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), null, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
            _http.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>The hub's own build output, same configuration as these tests.</summary>
        private static string HubBinary()
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "ShuangSuiJi.sln")))
            {
                root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("ShuangSuiJi.sln not found above the test binaries.");
            }

            var parts = AppContext.BaseDirectory.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
            var configuration = parts[Array.LastIndexOf(parts, "bin") + 1]; // …/bin/{configuration}/net10.0/
            var hub = Path.Combine(root, "hosts", "ShuangSuiJi.Hub", "bin", configuration, "net10.0", "ShuangSuiJi.Hub.dll");
            return File.Exists(hub) ? hub : throw new FileNotFoundException($"Build the solution first: the hub's binary {hub} is missing.", hub);
        }
    }
}
