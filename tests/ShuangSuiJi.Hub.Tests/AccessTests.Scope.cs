using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Draws;
using ShuangSuiJi.Storage.Reconciliation;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>
/// The department scope, endpoint by endpoint: every endpoint that needs a session declares its <see cref="ScopeRule"/>,
/// every department-scoped one has a probe here that reads real rows of two sibling counties, and every
/// province-accounts-only one refuses a county account.
/// </summary>
public sealed partial class AccessTests
{
    /// <summary>Two sibling counties under a fresh parent, each with one record of every department-bearing kind.</summary>
    private sealed record County(
        string Code, string Login, string Certificate, string Item, string Plan, string Task, string Target, string Evaluation, string CaseLead, long Draw)
    {
        public string ResultPath => $"{Task}/{Target}/{Code}";

        public string ResultKey => $"{Task}|{Target}|{Code}";
    }

    private sealed record Counties(string Parent, County Own, County Other);

    private static readonly string[] ReconciledKinds = ["inspector", "result", "caselead", "evaluation", "department", "task"];

    private async Task<Counties> SeedCountiesAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var department = await db.Departments.AsNoTracking().FirstAsync(d => d.ParentCode != null, Ct);
        var user = await db.Users.AsNoTracking().FirstAsync(Ct);
        var inspector = await db.Inspectors.AsNoTracking().FirstAsync(Ct);
        var item = await db.InspectionItems.AsNoTracking().FirstAsync(Ct);
        var plan = await db.Plans.AsNoTracking().FirstAsync(Ct);
        var task = await db.Tasks.AsNoTracking().FirstAsync(Ct);
        var result = await db.Results.AsNoTracking().FirstAsync(Ct);
        var evaluation = await db.Evaluations.AsNoTracking().FirstAsync(Ct);
        var parent = $"SP{tag}";
        db.Departments.Add(department with { Code = parent, ParentCode = department.ParentCode, Name = $"测试市{tag}" });

        County Add(string suffix)
        {
            var code = $"SC{tag}{suffix}";
            var county = new County(code, $"user-{tag}-{suffix}".ToLowerInvariant(), $"CERT{tag}{suffix}", $"ITEM{tag}{suffix}", $"PLAN{tag}{suffix}", $"RW{tag}{suffix}",
                result.TargetCreditCode, $"EV{tag}{suffix}", $"XS{tag}{suffix}", 0);
            db.Departments.Add(department with { Code = code, ParentCode = parent, Name = $"测试县{tag}{suffix}" });
            db.Users.Add(user with { LoginName = county.Login, DepartmentCode = code });
            db.Inspectors.Add(inspector with { CertificateNumber = county.Certificate, DepartmentCode = code });
            db.InspectionItems.Add(item with { Code = county.Item, OwnerDepartmentCode = code });
            db.Plans.Add(plan with { Code = county.Plan, InitiatingDepartmentCode = code, WarningLight = WarningLight.Red });
            db.Tasks.Add(task with { TaskNumber = county.Task, PlanCode = county.Plan, InitiatingDepartmentCode = code, WarningLight = WarningLight.Red });
            db.Results.Add(result with { TaskNumber = county.Task, DepartmentCode = code, CaseLeadNumber = county.CaseLead });
            db.Evaluations.Add(evaluation with { Id = county.Evaluation, TaskNumber = county.Task, DepartmentCode = code });
            foreach (var (kind, key) in new[]
                     {
                         ("inspector", county.Certificate), ("result", county.ResultKey), ("caselead", county.CaseLead), ("evaluation", county.Evaluation),
                         ("department", code), ("task", county.Task),
                     })
            {
                db.ReconciliationItems.Add(new ReconciliationItem { Kind = kind, Left = "SUP", Right = "HUB", Key = key, Class = "Conflicting", UpdatedAt = DateTimeOffset.UnixEpoch });
            }

            return county;
        }

        var own = Add("A");
        var other = Add("B");
        var draws = new[] { own, other }.Select(c => new DrawLedgerEntry
        {
            TaskNumber = c.Task, DrawnAt = DateTimeOffset.UnixEpoch, Algorithm = "test", EligibleHash = tag, EligibleCount = 1, DrawnCount = 1, Refused = false, RecordJson = "{}",
        }).ToList();
        db.Draws.AddRange(draws);
        await db.SaveChangesAsync(Ct);
        return new Counties(parent, own with { Draw = draws[0].Id }, other with { Draw = draws[1].Id });
    }

    private List<(string Route, ScopeRule? Rule)> SessionEndpoints() =>
    [
        .. hub.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => ($"{m} {e.RoutePattern.RawText}", e.Metadata.GetMetadata<ScopeRule>())))
            .Distinct()
            .OrderBy(e => e.Item1, StringComparer.Ordinal),
    ];

    [Fact]
    public void EveryEndpoint_DeclaresItsDepartmentScope_OrADeliberateExemption()
    {
        var endpoints = SessionEndpoints();
        var undeclared = endpoints.Where(e => e.Rule is null).Select(e => e.Route).ToList();
        var unexplained = endpoints.Where(e => e.Rule is { Reason.Length: < 10 }).Select(e => e.Route).ToList();

        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        Assert.True(undeclared.Count == 0, "Neither scoped by department nor exempted (ScopedByDepartment, ProvinceWide or ProvinceAccountsOnly): " + string.Join(", ", undeclared));
        Assert.True(unexplained.Count == 0, "An exemption without a reason: " + string.Join(", ", unexplained));
    }

    [Fact]
    public void ProvinceWideEndpoints_AreTheKnownExemptions()
    {
        // A new province-wide endpoint is a decision: add it here, with the reason in its ProvinceWide(...) call.
        string[] expected =
        [
            "GET /api/dashboard/exchanges", "GET /api/me", "GET /api/pulls/", "GET /api/reconciliation/pairs", "GET /api/status", "GET /api/targets/",
            "GET /api/targets/{creditCode}", "GET /openapi/{documentName}.json",
        ];

        var exempt = SessionEndpoints().Where(e => e.Rule?.Mode == ScopeMode.ProvinceWide).Select(e => e.Route).ToList();

        Assert.Equal(expected, exempt);
    }

    [Fact]
    public async Task EveryDepartmentScopedEndpoint_CountyViewer_SeesItsCountyOnly()
    {
        var counties = await SeedCountiesAsync();
        var (own, other) = (counties.Own, counties.Other);
        using var viewer = hub.Factory.CreateClientAs(AccountRoles.Viewer, own.Code, followRedirects: false);
        using var countyAdministrator = hub.Factory.CreateClientAs(AccountRoles.Administrator, own.Code, followRedirects: false);
        using var province = hub.Factory.CreateClient();
        var failures = new List<string>();

        async Task<JsonElement?> GetAsync(HttpClient client, string path, HttpStatusCode expected)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            if (response.StatusCode != expected)
            {
                failures.Add($"GET {path}: {(int)response.StatusCode}, expected {(int)expected}");
                return null;
            }

            return expected == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonElement>(HubFactory.Json, Ct) : null;
        }

        // A list shows the own county's record and never the other's, whose record the province account does see.
        async Task ListAsync(
            string path, Func<JsonElement, string> key, Func<JsonElement, string?> department, string ownKey, string otherKey, bool paged = true, string? provinceFilter = null)
        {
            var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var mine = await GetAsync(viewer, $"{path}{separator}pageSize=500", HttpStatusCode.OK);
            var all = await GetAsync(province, $"{path}{separator}pageSize=500&{provinceFilter ?? $"department={other.Code}"}", HttpStatusCode.OK);
            if (mine is not { } m || all is not { } a)
            {
                return;
            }

            var mineRows = (paged ? m.GetProperty("items") : m).EnumerateArray().ToList();
            var allRows = (paged ? a.GetProperty("items") : a).EnumerateArray().ToList();
            var outside = mineRows.Select(department).Where(d => d != own.Code).Distinct().ToList();
            if (!mineRows.Any(r => key(r) == ownKey) || mineRows.Any(r => key(r) == otherKey) || outside.Count > 0 || !allRows.Any(r => key(r) == otherKey))
            {
                failures.Add($"GET {path}: the county sees {mineRows.Count} rows (own {ownKey}: {mineRows.Any(r => key(r) == ownKey)}, other {otherKey}: {mineRows.Any(r => key(r) == otherKey)}, departments outside: {string.Join(",", outside)}); the province sees the other: {allRows.Any(r => key(r) == otherKey)}");
            }
        }

        async Task OneAsync(string ownPath, string otherPath)
        {
            await GetAsync(viewer, ownPath, HttpStatusCode.OK);
            await GetAsync(viewer, otherPath, HttpStatusCode.NotFound);
            await GetAsync(province, otherPath, HttpStatusCode.OK);
        }

        async Task<int> SheetRowsAsync(HttpClient client, string path)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"GET {path}: {(int)response.StatusCode}");
                return -1;
            }

            await using var stream = await response.Content.ReadAsStreamAsync(Ct);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, Ct);
            buffer.Position = 0;
            return MiniExcelLibs.MiniExcel.Query(buffer).Skip(1).Count(); // the header row first
        }

        static string S(JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";

        var probes = new Dictionary<string, Func<Task>>(StringComparer.Ordinal)
        {
            ["GET /api/departments/"] = () => ListAsync("/api/departments", r => S(r, "code"), r => S(r, "code"), own.Code, other.Code),
            ["GET /api/departments/{code}"] = () => OneAsync($"/api/departments/{own.Code}", $"/api/departments/{other.Code}"),
            ["GET /api/users/"] = () => ListAsync("/api/users", r => S(r, "loginName"), r => S(r, "departmentCode"), own.Login, other.Login),
            ["GET /api/users/{loginName}"] = () => OneAsync($"/api/users/{own.Login}", $"/api/users/{other.Login}"),
            ["GET /api/items/"] = () => ListAsync("/api/items", r => S(r, "code"), r => S(r, "ownerDepartmentCode"), own.Item, other.Item),
            ["GET /api/items/{code}"] = () => OneAsync($"/api/items/{own.Item}", $"/api/items/{other.Item}"),
            ["GET /api/plans/"] = () => ListAsync("/api/plans", r => S(r, "code"), r => S(r, "initiatingDepartmentCode"), own.Plan, other.Plan),
            ["GET /api/plans/{code}"] = () => OneAsync($"/api/plans/{own.Plan}", $"/api/plans/{other.Plan}"),
            ["GET /api/plans/export"] = async () =>
            {
                // The sheet names plans, not codes: count the plan rows a county and the province get for the other county.
                var mine = await SheetRowsAsync(viewer, $"/api/plans/export?department={other.Code}");
                var theirs = await SheetRowsAsync(province, $"/api/plans/export?department={other.Code}");
                var ownRows = await SheetRowsAsync(viewer, $"/api/plans/export?department={own.Code}");
                if (mine != 0 || theirs == 0 || ownRows == 0)
                {
                    failures.Add($"GET /api/plans/export: the county exports {mine} plan row(s) of the other county and {ownRows} of its own; the province {theirs} of the other");
                }
            },
            ["GET /api/tasks/"] = () => ListAsync("/api/tasks", r => S(r, "taskNumber"), r => S(r, "initiatingDepartmentCode"), own.Task, other.Task),
            ["GET /api/tasks/{taskNumber}"] = () => OneAsync($"/api/tasks/{own.Task}", $"/api/tasks/{other.Task}"),
            ["GET /api/inspectors/"] = () => ListAsync("/api/inspectors", r => S(r, "certificateNumber"), r => S(r, "departmentCode"), own.Certificate, other.Certificate),
            ["GET /api/inspectors/{certificateNumber}"] = () => OneAsync($"/api/inspectors/{own.Certificate}", $"/api/inspectors/{other.Certificate}"),
            ["POST /api/inspectors/{certificateNumber}/reveal"] = async () =>
            {
                using var mine = await countyAdministrator.PostAsync(new Uri($"/api/inspectors/{own.Certificate}/reveal?field=idNumber", UriKind.Relative), null, Ct);
                using var theirs = await countyAdministrator.PostAsync(new Uri($"/api/inspectors/{other.Certificate}/reveal?field=idNumber", UriKind.Relative), null, Ct);
                if (mine.StatusCode != HttpStatusCode.OK || theirs.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"POST reveal: the county's own inspector answered {(int)mine.StatusCode} (200 expected), the other county's {(int)theirs.StatusCode} (404 expected)");
                }
            },
            ["POST /api/inspectors/find-by-id-number"] = async () =>
            {
                // The two counties' inspectors were copied from one, so they share its ID number.
                string? idNumber;
                await using (var db = hub.Factory.Store.Factory.CreateDbContext())
                {
                    idNumber = (await db.Inspectors.AsNoTracking().FirstAsync(i => i.CertificateNumber == own.Certificate, Ct)).IdNumber?.Value;
                }

                using var provinceAdministrator = hub.Factory.CreateClient();
                async Task<List<string>> FoundAsync(HttpClient client)
                {
                    using var response = await client.PostAsJsonAsync(new Uri("/api/inspectors/find-by-id-number", UriKind.Relative), new { idNumber }, Ct);
                    return response.StatusCode == HttpStatusCode.OK
                        ? [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.EnumerateArray().Select(r => S(r, "certificateNumber"))]
                        : [$"HTTP {(int)response.StatusCode}"];
                }

                var mine = await FoundAsync(countyAdministrator);
                var all = await FoundAsync(provinceAdministrator);
                if (idNumber is null || !mine.Contains(own.Certificate) || mine.Contains(other.Certificate) || !all.Contains(other.Certificate))
                {
                    failures.Add($"POST find-by-id-number: the county found [{string.Join(", ", mine)}], the province [{string.Join(", ", all)}]; own {own.Certificate}, other {other.Certificate}");
                }
            },
            ["GET /api/results/{taskNumber}/{targetCreditCode}/{departmentCode}/evaluation-qr"] = async () =>
            {
                using var mine = await countyAdministrator.GetAsync(new Uri($"/api/results/{own.ResultPath}/evaluation-qr", UriKind.Relative), Ct);
                using var theirs = await countyAdministrator.GetAsync(new Uri($"/api/results/{other.ResultPath}/evaluation-qr", UriKind.Relative), Ct);
                if (mine.StatusCode != HttpStatusCode.OK || theirs.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"GET evaluation-qr: the county's own result answered {(int)mine.StatusCode} (200 expected), the other county's {(int)theirs.StatusCode} (404 expected)");
                }
            },
            ["GET /api/results/"] = () => ListAsync("/api/results", r => $"{S(r, "taskNumber")}|{S(r, "targetCreditCode")}|{S(r, "departmentCode")}", r => S(r, "departmentCode"), own.ResultKey, other.ResultKey),
            ["GET /api/results/{taskNumber}/{targetCreditCode}/{departmentCode}"] = () => OneAsync($"/api/results/{own.ResultPath}", $"/api/results/{other.ResultPath}"),
            ["POST /api/results/{taskNumber}/{targetCreditCode}/{departmentCode}/credit-repair"] = async () =>
            {
                // The county's own result passes the scope and is refused on its merits (never publicised); the other county's is not found.
                var body = new { reason = "scope test", requestReference = "XF-0001" };
                using var mine = await countyAdministrator.PostAsJsonAsync($"/api/results/{own.ResultPath}/credit-repair", body, Ct);
                using var theirs = await countyAdministrator.PostAsJsonAsync($"/api/results/{other.ResultPath}/credit-repair", body, Ct);
                if (mine.StatusCode != HttpStatusCode.Conflict || theirs.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"POST credit-repair: the county's own result answered {(int)mine.StatusCode} (409 expected), the other county's {(int)theirs.StatusCode} (404 expected)");
                }
            },
            ["GET /api/evaluations/"] = () => ListAsync("/api/evaluations", r => S(r, "id"), r => S(r, "departmentCode"), own.Evaluation, other.Evaluation),
            ["GET /api/evaluations/{id}"] = () => OneAsync($"/api/evaluations/{own.Evaluation}", $"/api/evaluations/{other.Evaluation}"),
            ["GET /api/draws/"] = async () =>
            {
                // The draw ledger names tasks, not departments: a county's draws are those of the tasks it initiated.
                var tasks = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var t in ScopedTasksAsync(own.Code))
                {
                    tasks.Add(t);
                }

                await ListAsync("/api/draws", r => S(r, "taskNumber"), r => tasks.Contains(S(r, "taskNumber")) ? own.Code : S(r, "taskNumber"), own.Task, other.Task, paged: false, provinceFilter: $"task={other.Task}");
            },
            ["GET /api/draws/{id:long}"] = () => OneAsync($"/api/draws/{own.Draw}", $"/api/draws/{other.Draw}"),
            ["GET /api/draws/{id:long}/verify"] = () => OneAsync($"/api/draws/{own.Draw}/verify", $"/api/draws/{other.Draw}/verify"),
            ["GET /api/kpis"] = async () =>
            {
                await GetAsync(viewer, $"/api/kpis?department={own.Code}", HttpStatusCode.OK);
                await GetAsync(viewer, "/api/kpis", HttpStatusCode.OK);
                await GetAsync(viewer, $"/api/kpis?department={other.Code}", HttpStatusCode.Forbidden);
                await GetAsync(viewer, $"/api/kpis?department={counties.Parent}", HttpStatusCode.Forbidden);
                await GetAsync(viewer, "/api/kpis?region=360000", HttpStatusCode.Forbidden);
                await GetAsync(province, $"/api/kpis?department={other.Code}", HttpStatusCode.OK);
            },
            ["GET /api/dashboard/lights"] = () => ListAsync("/api/dashboard/lights", r => S(r, "department"), r => S(r, "department"), own.Code, other.Code, paged: false, provinceFilter: ""),
            ["GET /api/dashboard/tasks"] = () => ListAsync("/api/dashboard/tasks?light=Red", r => S(r, "taskNumber"), r => S(r, "initiatingDepartmentCode"), own.Task, other.Task),
            ["GET /api/live/snapshot"] = async () =>
            {
                if (await GetAsync(viewer, "/api/live/snapshot", HttpStatusCode.OK) is { } mine && await GetAsync(province, "/api/live/snapshot", HttpStatusCode.OK) is { } all)
                {
                    // The county initiated one red task, drawn once, and holds one open difference of each reconciled kind.
                    var numbers = (mine.GetProperty("redTasks").GetInt64(), mine.GetProperty("draws").GetInt64(), mine.GetProperty("unresolvedDifferences").GetInt64());
                    if (numbers != (1, 1, ReconciledKinds.Length) || all.GetProperty("redTasks").GetInt64() < 2 || all.GetProperty("unresolvedDifferences").GetInt64() < 2 * ReconciledKinds.Length)
                    {
                        failures.Add($"GET /api/live/snapshot: the county's numbers are {numbers}, the province's {all}");
                    }
                }
            },
            ["GET /api/live"] = async () =>
            {
                var numbers = await FirstLiveEventAsync(viewer);
                if (numbers != (1, 1, ReconciledKinds.Length))
                {
                    failures.Add($"GET /api/live: the county's first event says {numbers}");
                }
            },
            ["GET /api/reconciliation/items"] = async () =>
            {
                foreach (var (kind, ownKey, otherKey) in ReconciledKeys(own, other))
                {
                    await ListAsync($"/api/reconciliation/items?kind={kind}&left=SUP&right=HUB", r => S(r, "key"), r => S(r, "key") == ownKey ? own.Code : S(r, "key"), ownKey, otherKey,
                        provinceFilter: $"q={Uri.EscapeDataString(otherKey)}");
                }
            },
            ["GET /api/reconciliation/items/{kind}/{left}/{right}/{key}"] = async () =>
            {
                foreach (var (kind, ownKey, otherKey) in ReconciledKeys(own, other))
                {
                    await OneAsync($"/api/reconciliation/items/{kind}/SUP/HUB/{Uri.EscapeDataString(ownKey)}", $"/api/reconciliation/items/{kind}/SUP/HUB/{Uri.EscapeDataString(otherKey)}");
                }
            },
            ["POST /api/reconciliation/items/{kind}/{left}/{right}/{key}/resolve"] = async () =>
            {
                // A county administrator may resolve its own county's difference, and finds no other county's.
                var body = new { action = "Ignore", reason = "scope test", expiresAt = hub.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(1) };
                using var mine = await countyAdministrator.PostAsJsonAsync($"/api/reconciliation/items/task/SUP/HUB/{own.Task}/resolve", body, Ct);
                using var theirs = await countyAdministrator.PostAsJsonAsync($"/api/reconciliation/items/task/SUP/HUB/{other.Task}/resolve", body, Ct);
                if (mine.StatusCode != HttpStatusCode.OK || theirs.StatusCode != HttpStatusCode.NotFound)
                {
                    failures.Add($"POST resolve: own county {(int)mine.StatusCode} (expected 200), other county {(int)theirs.StatusCode} (expected 404)");
                }
            },
        };

        var scoped = SessionEndpoints().Where(e => e.Rule?.Mode == ScopeMode.Department).Select(e => e.Route).ToList();
        var unprobed = scoped.Where(r => !probes.ContainsKey(r)).ToList();
        Assert.True(unprobed.Count == 0, "Department-scoped endpoints without a probe in this test: " + string.Join(", ", unprobed));
        Assert.Empty(probes.Keys.Except(scoped));

        // The resolve probe changes the live numbers; it runs last.
        foreach (var (route, probe) in probes.OrderBy(p => p.Key.StartsWith("POST", StringComparison.Ordinal)))
        {
            var before = failures.Count;
            await probe();
            for (var i = before; i < failures.Count; i++)
            {
                failures[i] = $"[{route}] {failures[i]}";
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task EveryProvinceAccountsOnlyEndpoint_CountyAdministrator_IsForbidden()
    {
        var county = (await SeedCountiesAsync()).Own.Code;
        using var administrator = hub.Factory.CreateClientAs(AccountRoles.Administrator, county, followRedirects: false);
        var guarded = SessionEndpoints().Where(e => e.Rule?.Mode == ScopeMode.ProvinceAccountsOnly)
            .Select(e => e.Route.Split(' ', 2)).Select(r => (Method: r[0], Path: Sample(r[1]))).ToList();
        Assert.True(guarded.Count >= 8, $"only {guarded.Count} province-accounts-only endpoints");

        var wrong = new List<string>();
        foreach (var (method, path) in guarded)
        {
            using var response = await administrator.SendAsync(Request(method, path), Ct);
            using var retried = response.StatusCode == HttpStatusCode.UnsupportedMediaType ? await administrator.SendAsync(FormRequest(method, path), Ct) : null;
            if ((retried ?? response).StatusCode != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{method} {path}: {(int)(retried ?? response).StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }

    /// <summary>A form with one small file, for an endpoint that routing only matches with a form (an upload).</summary>
    private static HttpRequestMessage FormRequest(string method, string path) => new(new HttpMethod(method), new Uri(path, UriKind.Relative))
    {
        Content = new MultipartFormDataContent { { new ByteArrayContent("a,b\n"u8.ToArray()), "file", "plan.csv" } },
    };

    [Fact]
    public async Task DisabledAccount_LosesItsSession_OnceItsCheckedRowExpires()
    {
        var account = hub.Factory.CreateAccount(AccountRoles.Viewer, null, AccountService.RandomPassword());
        using var client = hub.Factory.CreateClientFor(account, followRedirects: false);
        using var before = await client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct);
        await using (var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            await db.Accounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Disabled, true), Ct);
        }

        // Disabled behind the hub's back: the row checked a moment ago is trusted for the interval, then read again.
        using var cached = await client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct);
        hub.Factory.Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>().Remove($"ssj:account:{account.Id}");
        using var after = await client.GetAsync(new Uri("/api/me", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), AccountSessions.ValidationInterval);
    }

    [Fact]
    public async Task LockedAccount_LosesItsOpenSession_AtOnce()
    {
        var account = hub.Factory.CreateAccount(AccountRoles.Viewer, null, "right-Passw0rd");
        using var session = hub.Factory.CreateClientFor(account, followRedirects: false);
        using var attacker = hub.Factory.CreateAnonymousClient(followRedirects: false);
        using var before = await session.GetAsync(new Uri("/api/me", UriKind.Relative), Ct);
        for (var i = 0; i < AccountService.MaxFailedLogins; i++)
        {
            using var wrong = await PostFormAsync(attacker, "/login", new() { ["name"] = account.Name, ["password"] = "wrong" });
        }

        using var after = await session.GetAsync(new Uri("/api/me", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private static IEnumerable<(string Kind, string Own, string Other)> ReconciledKeys(County own, County other) =>
    [
        ("inspector", own.Certificate, other.Certificate), ("result", own.ResultKey, other.ResultKey), ("caselead", own.CaseLead, other.CaseLead),
        ("evaluation", own.Evaluation, other.Evaluation), ("department", own.Code, other.Code), ("task", own.Task, other.Task),
    ];

    private async IAsyncEnumerable<string> ScopedTasksAsync(string department)
    {
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        await foreach (var task in db.Tasks.AsNoTracking().Where(t => t.InitiatingDepartmentCode == department).Select(t => t.TaskNumber).AsAsyncEnumerable().WithCancellation(Ct))
        {
            yield return task;
        }
    }

    private static async Task<(long RedTasks, long Draws, long Unresolved)> FirstLiveEventAsync(HttpClient client)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromSeconds(20));
        using var response = await client.GetAsync(new Uri("/api/live", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var snapshot = JsonDocument.Parse(line["data: ".Length..]);
                var root = snapshot.RootElement;
                return (root.GetProperty("redTasks").GetInt64(), root.GetProperty("draws").GetInt64(), root.GetProperty("unresolvedDifferences").GetInt64());
            }
        }

        return (-1, -1, -1);
    }
}
