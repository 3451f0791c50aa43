using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QRCoder;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Hub.Evaluations;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>A seeded SQLite hub with a known evaluation-link key and public address.</summary>
public sealed class EvaluationHub : IAsyncLifetime
{
    public const string PublicBaseUrl = "https://ssj.example.invalid/hub/";

    public static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public HubFactory Factory { get; private set; } = null!; // Set in InitializeAsync before any test runs.

    public static Dictionary<string, string?> Settings => new()
    {
        ["Security:EvaluationLinkKey"] = Convert.ToBase64String(Key),
        ["Hub:PublicBaseUrl"] = PublicBaseUrl,
    };

    public async ValueTask InitializeAsync()
    {
        Factory = new HubFactory(TestStore.Sqlite(), Settings);
        await Factory.WaitUntilReadyAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>Evaluation by the inspected enterprise: QR code, one-time signed link, the Chinese form, refusals.</summary>
public sealed partial class EvaluationLinkTests(EvaluationHub hub) : IClassFixture<EvaluationHub>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task EvaluationQr_Administrator_GetsAPngOfTheSignedPublicLink()
    {
        var result = await NewResultAsync(hub.Factory);
        using var admin = hub.Factory.CreateClient();

        using var response = await admin.GetAsync(new Uri($"/api/results/{Path(result)}/evaluation-qr", UriKind.Relative), Ct);
        var png = await response.Content.ReadAsByteArrayAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var url = new Uri(Assert.Single(response.Headers.GetValues(EvaluationQrApi.LinkHeader)));
        Assert.StartsWith(EvaluationHub.PublicBaseUrl + "evaluate/", url.AbsoluteUri, StringComparison.Ordinal);
        // No QR decoder here: the image must be exactly QRCoder's code of the URL payload carrying that link.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(new PayloadGenerator.Url(url.AbsoluteUri).ToString(), QRCodeGenerator.ECCLevel.M);
        Assert.Equal(new PngByteQRCode(data).GetGraphic(8), png);
        var token = EvaluationLinkToken.Read(url.Segments[^1], EvaluationHub.Key);
        Assert.NotNull(token);
        Assert.Equal((result.TaskNumber, result.TargetCreditCode, result.DepartmentCode), (token.TaskNumber, token.TargetCreditCode, token.DepartmentCode));
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var link = await db.EvaluationLinks.SingleAsync(l => l.NonceHash == token.NonceHash, Ct);
        Assert.Null(link.UsedAt);
        Assert.Equal(token.ExpiresAt, link.ExpiresAt);
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), a => a.Act == AuditActs.EvaluationLink && a.Subject.StartsWith(result.TaskNumber, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EvaluationQr_ViewerOrAnonymous_IsRefused()
    {
        var result = await NewResultAsync(hub.Factory);
        using var viewer = hub.Factory.CreateClientAs(AccountRoles.Viewer, followRedirects: false);
        using var anonymous = hub.Factory.CreateAnonymousClient(followRedirects: false);
        var path = new Uri($"/api/results/{Path(result)}/evaluation-qr", UriKind.Relative);

        using var asViewer = await viewer.GetAsync(path, Ct);
        using var asAnonymous = await anonymous.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
    }

    [Fact]
    public async Task EvaluationQr_UnknownResult_IsNotFound()
    {
        using var admin = hub.Factory.CreateClient();

        using var response = await admin.GetAsync(new Uri("/api/results/RW-NONE/91360103MA38B2LM2C/360103-SCJG/evaluation-qr", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Submit_ValidLink_StoresAnEvaluationWithItsEventAndSpendsTheLink()
    {
        var result = await NewResultAsync(hub.Factory);
        var url = await IssueAsync(hub.Factory, result);
        using var browser = hub.Factory.CreateAnonymousClient(followRedirects: false);

        var (formStatus, form) = await GetAsync(browser, url);
        using var submitted = await PostAsync(browser, url, Antiforgery(form), "4", "检查人员态度很好，流程清楚。");
        var page = await submitted.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, formStatus);
        Assert.Contains("请对本次检查进行评价", form, StringComparison.Ordinal);
        Assert.Contains(result.TaskNumber, form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("评价已提交", page, StringComparison.Ordinal);
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var evaluation = await db.Evaluations.SingleAsync(e => e.TaskNumber == result.TaskNumber, Ct);
        Assert.Equal((4, "检查人员态度很好，流程清楚。", EvaluationChannel.QrCode, result.DepartmentCode, Provenance.Hub),
            (evaluation.Rating, evaluation.Comment, evaluation.Channel, evaluation.DepartmentCode, evaluation.Provenance.Partner));
        var outbox = await db.Outbox.SingleAsync(m => m.Subject == evaluation.Id, Ct);
        Assert.Equal(HubEventTypes.EvaluationReceived, outbox.Type);
        Assert.Contains(result.TargetCreditCode, outbox.Payload, StringComparison.Ordinal);
        var link = await db.EvaluationLinks.SingleAsync(l => l.TaskNumber == result.TaskNumber, Ct);
        Assert.NotNull(link.UsedAt);
        Assert.Equal(evaluation.Id, link.EvaluationId);
    }

    [Fact]
    public async Task Submit_UsedLink_IsRefusedWithConflict()
    {
        var result = await NewResultAsync(hub.Factory);
        var url = await IssueAsync(hub.Factory, result);
        using var browser = hub.Factory.CreateAnonymousClient(followRedirects: false);
        var (_, form) = await GetAsync(browser, url);
        using var first = await PostAsync(browser, url, Antiforgery(form), "5", "");

        using var second = await PostAsync(browser, url, Antiforgery(form), "1", "再来一次");
        var (again, page) = await GetAsync(browser, url);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("已评价", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("只能评价一次", page, StringComparison.Ordinal);
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        Assert.Equal(5, (await db.Evaluations.SingleAsync(e => e.TaskNumber == result.TaskNumber, Ct)).Rating);
    }

    [Fact]
    public async Task Submit_SecondLinkForAnEvaluatedResult_IsRefusedAndNoNewLinkIsIssued()
    {
        var result = await NewResultAsync(hub.Factory);
        var first = await IssueAsync(hub.Factory, result);
        var second = await IssueAsync(hub.Factory, result);
        using var browser = hub.Factory.CreateAnonymousClient(followRedirects: false);
        var (_, form) = await GetAsync(browser, first);
        using var used = await PostAsync(browser, first, Antiforgery(form), "3", "");

        var (status, _) = await GetAsync(browser, second);
        using var admin = hub.Factory.CreateClient();
        using var third = await admin.GetAsync(new Uri($"/api/results/{Path(result)}/evaluation-qr", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        Assert.Equal(3, (await db.Evaluations.SingleAsync(e => e.TaskNumber == result.TaskNumber, Ct)).Rating); // one evaluation, the first link's
    }

    [Theory]
    [InlineData("tamper")]
    [InlineData("garbage")]
    [InlineData("other-key")]
    public async Task Open_ForgedLink_IsRefusedWithBadRequest(string how)
    {
        var result = await NewResultAsync(hub.Factory);
        var url = await IssueAsync(hub.Factory, result);
        var token = url.Segments[^1];
        var forged = how switch
        {
            "tamper" => token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1],
            "garbage" => "not-a-token.at-all",
            _ => EvaluationLinkToken.Create(result.TaskNumber, result.TargetCreditCode, result.DepartmentCode, Now.AddDays(1)).Sign(new byte[32]),
        };
        using var browser = hub.Factory.CreateAnonymousClient(followRedirects: false);

        var (status, page) = await GetAsync(browser, new Uri(url, forged));
        var (_, form) = await GetAsync(browser, url);
        using var posted = await PostAsync(browser, new Uri(url, forged), Antiforgery(form), "5", "");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("链接无效", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        Assert.False(await db.Evaluations.AnyAsync(e => e.TaskNumber == result.TaskNumber, Ct));
    }

    [Fact]
    public async Task Open_ExpiredLink_IsGone()
    {
        var result = await NewResultAsync(hub.Factory);
        var token = EvaluationLinkToken.Create(result.TaskNumber, result.TargetCreditCode, result.DepartmentCode, Now.AddMinutes(-1));
        await using (var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            db.EvaluationLinks.Add(new Storage.Evaluations.EvaluationLink
            {
                NonceHash = token.NonceHash, TaskNumber = result.TaskNumber, TargetCreditCode = result.TargetCreditCode, DepartmentCode = result.DepartmentCode,
                CreatedAt = Now.AddDays(-30), CreatedBy = "test", ExpiresAt = token.ExpiresAt,
            });
            await db.SaveChangesAsync(Ct);
        }

        using var browser = hub.Factory.CreateAnonymousClient(followRedirects: false);
        var (status, page) = await GetAsync(browser, new Uri(new Uri(EvaluationHub.PublicBaseUrl), "evaluate/" + token.Sign(EvaluationHub.Key)));

        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("链接已过期", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_SignedLinkTheHubNeverIssued_OrWhoseResultIsGone_IsNotFound()
    {
        var result = await NewResultAsync(hub.Factory);
        var never = EvaluationLinkToken.Create(result.TaskNumber, result.TargetCreditCode, result.DepartmentCode, Now.AddDays(1)).Sign(EvaluationHub.Key);
        var issued = await IssueAsync(hub.Factory, result);
        await using (var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext())
        {
            await db.Results.Where(r => r.TaskNumber == result.TaskNumber).ExecuteDeleteAsync(Ct);
        }

        using var browser = hub.Factory.CreateAnonymousClient(followRedirects: false);
        var (unknownLink, _) = await GetAsync(browser, new Uri(new Uri(EvaluationHub.PublicBaseUrl), "evaluate/" + never));
        var (unknownResult, page) = await GetAsync(browser, issued);

        Assert.Equal(HttpStatusCode.NotFound, unknownLink);
        Assert.Equal(HttpStatusCode.NotFound, unknownResult);
        Assert.Contains("检查结果不存在", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithoutAntiforgeryToken_IsRefused()
    {
        var result = await NewResultAsync(hub.Factory);
        var url = await IssueAsync(hub.Factory, result);
        using var browser = hub.Factory.CreateAnonymousClient(followRedirects: false);
        await GetAsync(browser, url);

        using var posted = await PostAsync(browser, url, ("__RequestVerificationToken", "forged"), "5", "");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("页面已失效", await posted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "")]
    [InlineData("6", "")]
    [InlineData("", "")]
    [InlineData("5", "long")]
    public async Task Submit_BadRatingOrTooLongComment_ShowsTheFormAgain(string rating, string comment)
    {
        var result = await NewResultAsync(hub.Factory);
        var url = await IssueAsync(hub.Factory, result);
        using var browser = hub.Factory.CreateAnonymousClient(followRedirects: false);
        var (_, form) = await GetAsync(browser, url);

        using var posted = await PostAsync(browser, url, Antiforgery(form), rating, comment == "long" ? new string('好', 501) : comment);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains("请对本次检查进行评价", await posted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        Assert.Null((await db.EvaluationLinks.SingleAsync(l => l.TaskNumber == result.TaskNumber, Ct)).UsedAt);
    }

    [Fact]
    public async Task Submit_SameLinkTwiceAtOnce_StoresExactlyOne() => await ConcurrentSubmitsStoreOneAsync(hub.Factory);

    [Fact]
    public async Task Submit_SameLinkTwiceAtOnce_OnRealPostgreSql_StoresExactlyOne()
    {
        await using var factory = new HubFactory(await TestStore.PostgreSqlAsync(), EvaluationHub.Settings);
        await factory.WaitUntilReadyAsync(Ct);

        await ConcurrentSubmitsStoreOneAsync(factory);
    }

    private static async Task ConcurrentSubmitsStoreOneAsync(HubFactory factory)
    {
        for (var round = 0; round < 5; round++)
        {
            var result = await NewResultAsync(factory);
            var url = await IssueAsync(factory, result);
            using var browser = factory.CreateAnonymousClient(followRedirects: false);
            var (_, form) = await GetAsync(browser, url);
            var antiforgery = Antiforgery(form);

            var responses = await Task.WhenAll(Enumerable.Range(1, 4).Select(i => PostAsync(browser, url, antiforgery, i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"第 {i} 次")));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
            foreach (var response in responses)
            {
                response.Dispose();
            }

            await using var db = factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            var evaluation = await db.Evaluations.SingleAsync(e => e.TaskNumber == result.TaskNumber, Ct);
            Assert.Equal(1, await db.Outbox.CountAsync(m => m.Subject == evaluation.Id, Ct));
        }
    }

    /// <summary>A result of its own for each test (one evaluation per result), on a target and department of the seed.</summary>
    private static async Task<InspectionResult> NewResultAsync(HubFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var target = await db.Targets.AsNoTracking().OrderBy(t => t.CreditCode).Select(t => t.CreditCode).FirstAsync(Ct);
        var department = await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => d.Code).FirstAsync(Ct);
        var result = new InspectionResult
        {
            TaskNumber = $"RW-EV-{Guid.NewGuid():N}"[..24], TargetCreditCode = target, DepartmentCode = department, Outcome = ResultOutcome.NoProblemFound,
            InspectorCertificateNumbers = [], Method = CheckMethod.OnSite, InspectedOn = new DateOnly(2025, 6, 1),
            Provenance = new Provenance(Provenance.Hub, "test", Now),
        };
        db.Results.Add(result);
        await db.SaveChangesAsync(Ct);
        return result;
    }

    private static string Path(InspectionResult r) => string.Join('/', new[] { r.TaskNumber, r.TargetCreditCode, r.DepartmentCode }.Select(Uri.EscapeDataString));

    private static async Task<Uri> IssueAsync(HubFactory factory, InspectionResult result)
    {
        using var admin = factory.CreateClient();
        using var response = await admin.GetAsync(new Uri($"/api/results/{Path(result)}/evaluation-qr", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new Uri(Assert.Single(response.Headers.GetValues(EvaluationQrApi.LinkHeader)));
    }

    /// <summary>The link's path on the test server (the public base names another host).</summary>
    private static Uri Local(Uri url) => new("/evaluate/" + url.Segments[^1], UriKind.Relative);

    private static async Task<(HttpStatusCode Status, string Page)> GetAsync(HttpClient browser, Uri url)
    {
        using var response = await browser.GetAsync(Local(url), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, Uri url, (string Name, string Value) antiforgery, string rating, string comment)
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { [antiforgery.Name] = antiforgery.Value, ["rating"] = rating, ["comment"] = comment });
        return browser.PostAsync(Local(url), form, Ct);
    }

    private static (string Name, string Value) Antiforgery(string form)
    {
        var match = HiddenField().Match(form);
        Assert.True(match.Success, "the form has no antiforgery field");
        return (WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex HiddenField();
}
