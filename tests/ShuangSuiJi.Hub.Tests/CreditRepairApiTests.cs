using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>
/// <c>POST /api/results/{task}/{target}/{department}/credit-repair</c> over HTTP: who may ask, and the refusals. The
/// withdrawal itself, through the outbox to the publicity simulator, is tested in the integration tests.
/// </summary>
public sealed class CreditRepairApiTests(AccessHub hub) : IClassFixture<AccessHub>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly object Body = new { reason = "企业已完成整改，申请信用修复", requestReference = "XF-2026-0001" };

    [Fact]
    public async Task CreditRepair_Viewer_IsForbidden()
    {
        var result = await StoredResultAsync();
        using var viewer = hub.Factory.CreateClientAs(AccountRoles.Viewer, followRedirects: false);

        using var response = await viewer.PostAsJsonAsync(PathOf(result), Body, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task CreditRepair_OfAResultNeverPublicised_IsAConflictSayingSo_AndIsAudited()
    {
        var result = await StoredResultAsync();
        using var admin = hub.Factory.CreateClient();

        using var response = await admin.PostAsJsonAsync(PathOf(result), Body, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var outcome = await response.Content.ReadFromJsonAsync<JsonElement>(HubFactory.Json, Ct);
        Assert.Equal("NotPublicised", outcome.GetProperty("status").GetString());
        Assert.Contains("never publicised", outcome.GetProperty("message").GetString(), StringComparison.Ordinal);
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        var audited = await db.AuditEntries.Where(e => e.Act == AuditActs.CreditRepair && e.Subject.EndsWith(result.DepartmentCode)).SingleAsync(Ct);
        Assert.Equal(AuditOutcomes.Refused, audited.Outcome);
    }

    [Fact]
    public async Task CreditRepair_WithoutAReasonOrOfAnUnknownResult_IsRefused()
    {
        var result = await StoredResultAsync();
        using var admin = hub.Factory.CreateClient();
        using var scoped = hub.Factory.CreateClientAs(AccountRoles.Administrator, department: "360000-OTHER");

        using var noReason = await admin.PostAsJsonAsync(PathOf(result), new { requestReference = "XF-2026-0001" }, Ct);
        using var unknown = await admin.PostAsJsonAsync(PathOf(result with { TaskNumber = "RW-NONE" }), Body, Ct);
        using var outOfScope = await scoped.PostAsJsonAsync(PathOf(result), Body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await noReason.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
    }

    private static string PathOf(InspectionResult result) =>
        $"/api/results/{result.TaskNumber}/{result.TargetCreditCode}/{result.DepartmentCode}/credit-repair";

    /// <summary>A result of a department of this test's own, stored directly: never delivered anywhere.</summary>
    private async Task<InspectionResult> StoredResultAsync()
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var result = new InspectionResult
        {
            TaskNumber = $"RW{today.Year}-360103-0961",
            TargetCreditCode = "91360103MA38B2LM2C",
            DepartmentCode = $"CR-{Guid.NewGuid():N}"[..20],
            Outcome = ResultOutcome.NoProblemFound,
            InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
            Method = CheckMethod.OnSite,
            InspectedOn = today,
            Provenance = new Provenance("test", "test", TimeProvider.System.GetUtcNow()),
        };
        await using var db = hub.Factory.Services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
        db.Results.Add(result);
        await db.SaveChangesAsync(Ct);
        return result;
    }
}
