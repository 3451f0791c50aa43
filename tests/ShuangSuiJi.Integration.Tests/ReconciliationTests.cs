using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Reconciliation;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Integration.Tests;

/// <summary>Reconciliation: matching on normalised keys, the five classes, survivorship, resolutions and incremental runs, in a real store.</summary>
public sealed class ReconciliationTests
{
    private const string Same = "91360103MA38B2LM2C", Clash = "91360103MA38B2LN0X", GsOnly = "91360103MA38B2LP7K", FxOnly = "91360103MA38B2LQ5F", Refused = "91360103MA38B2LR3B";

    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Keys_AndValues_AreComparedAfterNormalisation()
    {
        Assert.Equal("91360103MA38B2LM2C", Normalization.Key(" 91360103ma38b2lm2c "));
        Assert.Equal("36010012345", Normalization.Key("赣36010012345"));
        Assert.Equal("36010012345", Normalization.Key("36010012345"));
        Assert.Equal("RW2025-1|91360103MA38B2LM2C|X", Normalization.Key("rw2025-1|91360103MA38B2LM2C|x"));
        Assert.True(Normalization.SameValue("南昌市（东湖区）好药店", "南昌市(东湖区)好药店"));
        Assert.True(Normalization.SameValue("南昌市  东湖区 ", "南昌市 东湖区"));
        Assert.True(Normalization.SameValue("ＡＢＣ", "abc"));
        Assert.False(Normalization.SameValue("南昌市东湖区好药店", "南昌市西湖区好药店"));
    }

    [Fact]
    public void TheEngine_ComparesOnlyTheFieldsBothSidesHold_AndNamesEachClass()
    {
        var schema = new FieldSchema();
        var shape = new RecordShape { KeyFields = ["creditCode"] };
        FlatRecord Flat(string json) => shape.Flatten(json, "k", "h", schema)!;
        var left = new[] { Flat($$"""{"creditCode":"{{Same}}","name":"甲","address":"东湖区"}"""), Flat($$"""{"creditCode":"{{Clash}}","name":"乙"}"""), Flat($$"""{"creditCode":"{{GsOnly}}","name":"丙"}""") };
        var right = new[] { Flat($$"""{"creditCode":"{{Same.ToLowerInvariant()}}","name":"甲","riskGrade":"B"}"""), Flat($$"""{"creditCode":"{{Clash}}","name":"丁"}"""), Flat($$"""{"creditCode":"{{FxOnly}}","name":"戊"}""") };

        var results = ReconcileEngine.Compare(schema, left, right, rightInvalid: new Dictionary<string, string> { [Refused] = "creditCode: bad check character" }).ToDictionary(c => c.Key);

        Assert.Equal(ItemClass.Identical, results[Same].Class);
        Assert.Equal(ItemClass.Conflicting, results[Clash].Class);
        Assert.Equal(new FieldDiff("name", "乙", "丁"), Assert.Single(results[Clash].Diffs));
        Assert.Equal(ItemClass.MissingRight, results[GsOnly].Class);
        Assert.Equal(ItemClass.MissingLeft, results[FxOnly].Class);
        Assert.Equal(ItemClass.Invalid, results[Refused].Class);
        Assert.Contains("bad check character", results[Refused].Invalid, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TwoPartnersCopies_AreClassified_AnIgnoreCountsAsResolved_AndIncrementalRunsWriteOnlyWhatMoved(StorageProvider provider)
    {
        await using var hub = await ExchangeHarness.StartAsync(await TestStore.CreateAsync(provider));
        var service = hub.Get<ReconciliationService>();
        var now = TimeProvider.System.GetUtcNow();
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Copy(db, "GS", "Target", Same, $$"""{"creditCode":"{{Same}}","name":"南昌市（东湖区）好药店","status":"Existing"}""", now);
            Copy(db, "FX", "RiskAssessment", Same, $$"""{"creditCode":"{{Same}}","name":"南昌市(东湖区)好药店","grade":"B","classifiedOn":"2026-01-01"}""", now);
            Copy(db, "GS", "Target", Clash, $$"""{"creditCode":"{{Clash}}","name":"南昌市好药店"}""", now);
            Copy(db, "FX", "RiskAssessment", Clash, $$"""{"creditCode":"{{Clash}}","name":"南昌市坏药店","grade":"C"}""", now);
            Copy(db, "GS", "Target", GsOnly, $$"""{"creditCode":"{{GsOnly}}","name":"只在公示系统"}""", now);
            Copy(db, "FX", "RiskAssessment", FxOnly, $$"""{"creditCode":"{{FxOnly}}","name":"只在风险系统","grade":"A"}""", now);
            Copy(db, "GS", "Target", Refused, $$"""{"creditCode":"{{Refused}}","name":"被拒"}""", now.AddMinutes(-5));
            db.RejectedRecords.Add(new RejectedRecord { Kind = "RiskAssessment", Key = Refused, Partner = "FX", Exchange = "FX/grades", ReceivedAt = now, Location = "line 7", Errors = "grade: unknown grade text '特级'", Payload = "…" });
            await db.SaveChangesAsync(Ct);
        }

        var full = await service.RunAsync("target", "GS", "FX", full: true, Ct);

        Assert.Equal(new ClassCounts(Identical: 1, Conflicting: 1, MissingLeft: 1, MissingRight: 1, Invalid: 1, Resolved: 0), full.Counts);
        var item = (await service.ItemAsync("target", "gs", "fx", Clash, Ct))!;
        Assert.Equal(new FieldVerdict("name", "南昌市好药店", "南昌市坏药店", "南昌市好药店", "GS"), Assert.Single(item.Diffs)); // GS holds registration data
        Assert.Equal("C", item.Golden["riskGrade"]); // FX holds the grade
        Assert.False(item.CanPush.Left || item.CanPush.Right); // neither partner takes corrections of targets
        var (open, total) = await service.ItemsAsync(new ItemFilter("target", "GS", "FX"), 1, 50, Ct);
        Assert.Equal(4, total);
        Assert.Contains(open, r => r.Key == Refused && r.Class == "Invalid");

        var refused = await Assert.ThrowsAsync<ReconciliationRequestException>(() => service.ResolveAsync("target", "GS", "FX", Clash, new ResolutionRequest(ResolutionAction.Ignore, null, "查证中", null, "admin"), Ct));
        Assert.Equal("expiresAt", refused.Field);
        var outcome = await service.ResolveAsync("target", "GS", "FX", Clash, new ResolutionRequest(ResolutionAction.Ignore, null, "企业名称变更登记在途", now.AddDays(30), "admin"), Ct);

        Assert.StartsWith("ignored until", outcome, StringComparison.Ordinal);
        var pair = Assert.Single(await service.PairsAsync(10, Ct), p => p.Kind == "target");
        Assert.Equal(1, pair.LastRun!.Counts.Resolved);
        Assert.Equal(3, (await service.ItemsAsync(new ItemFilter("target", "GS", "FX", UnresolvedOnly: true), 1, 50, Ct)).Total);

        var quiet = await service.RunAsync("target", "GS", "FX", full: false, Ct);
        Assert.Equal((0, 0, 1), (quiet.Compared, quiet.Written, quiet.Counts.Resolved));
        Assert.Equal(full.Counts with { Resolved = 1 }, quiet.Counts); // unchanged keys keep their class uncompared

        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var copy = await db.PartnerRecords.SingleAsync(p => p.Partner == "GS" && p.Key == GsOnly, Ct);
            copy.Json = copy.Json.Replace("只在公示系统", "只在公示系统（已更名）", StringComparison.Ordinal);
            copy.Hash = db.Cipher.ContentHash(copy.Json);
            await db.SaveChangesAsync(Ct);
        }

        var moved = await service.RunAsync("target", "GS", "FX", full: false, Ct);
        Assert.Equal((1, 1), (moved.Compared, moved.Written));
        Assert.Equal(full.Counts with { Resolved = 1 }, moved.Counts);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(3, await db.ReconciliationRuns.CountAsync(Ct));
            var resolution = await db.ReconciliationResolutions.SingleAsync(Ct);
            Assert.Equal(("Ignore", "admin", "企业名称变更登记在途"), (resolution.Action, resolution.By, resolution.Reason));
        }
    }

    [Fact]
    public async Task PushingToTheHub_WritesThePartnersVersion_RaisesItsEvent_AndTheNextRunFindsThemIdentical()
    {
        await using var hub = await ExchangeHarness.StartAsync(TestStore.Sqlite(), new Dictionary<string, string?> { ["Reconciliation:Pairs:1"] = "target:GS:HUB" });
        var service = hub.Get<ReconciliationService>();
        var now = TimeProvider.System.GetUtcNow();
        var target = new Target
        {
            CreditCode = Same, Name = "南昌市旧名药店", EntityType = EntityType.LimitedLiabilityCompany, RegionCode = "360103", RegistrationAuthorityCode = "360103-SCJG",
            EstablishedOn = new DateOnly(2015, 3, 2), Status = RegistrationStatus.Existing, IndustryCode = "F5251", Provenance = new Provenance("GS", "GS/targets", now),
        };
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            db.Targets.Add(target);
            Copy(db, "GS", "Target", Same, CanonicalJson.Content(target with { Name = "南昌市新名药店" }), now);
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(1, (await service.RunAsync("target", "GS", "HUB", full: true, Ct)).Counts.Conflicting);
        var item = (await service.ItemAsync("target", "GS", "HUB", Same, Ct))!;
        Assert.Equal((false, true), (item.CanPush.Left, item.CanPush.Right));

        var outcome = await service.ResolveAsync("target", "GS", "HUB", Same, new ResolutionRequest(ResolutionAction.Push, "HUB", "以公示系统登记信息为准", null, "admin"), Ct);

        Assert.StartsWith("hub record updated from GS", outcome, StringComparison.Ordinal);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal("南昌市新名药店", (await db.Targets.SingleAsync(Ct)).Name);
            Assert.Equal(1, await db.Outbox.CountAsync(m => m.Type == HubEventTypes.TargetChanged && m.Subject == Same, Ct));
        }

        var after = await service.RunAsync("target", "GS", "HUB", full: false, Ct);
        Assert.Equal((1, 0), (after.Counts.Identical, after.Counts.Conflicting));
    }

    [Fact]
    public async Task PushingToAPartner_SendsTheHubsLatestEventAgain_ThroughThatPartnersRoute()
    {
        await using var hub = await ExchangeHarness.StartAsync(TestStore.Sqlite(), new Dictionary<string, string?> { ["Reconciliation:Pairs:1"] = "result:HUB:GS" });
        await hub.PullAsync("SUP/departments");
        await hub.PullAsync("GS/targets");
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var department = await db.Departments.AsNoTracking().Where(d => d.CreditCode != null && d.Code.EndsWith("-SCJG")).OrderBy(d => d.Code).FirstAsync(Ct);
            var target = await db.Targets.AsNoTracking().OrderBy(t => t.CreditCode).FirstAsync(Ct);
            var today = ChinaTime.Today(TimeProvider.System);
            var result = new InspectionResult
            {
                TaskNumber = $"RW{today.Year}-{department.RegionCode}-0902", TargetCreditCode = target.CreditCode, DepartmentCode = department.Code, Outcome = ResultOutcome.NoProblemFound,
                InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"], Method = CheckMethod.OnSite, InspectedOn = today, EnteredOn = today, Provenance = new Provenance("SUP", "test", TimeProvider.System.GetUtcNow()),
            };
            Assert.Equal(1, hub.Simulators.EnterResults([(result, target.Name)]));
        }

        await hub.PullAsync("SUP/results");
        await hub.DispatchAsync(expectedDeliveries: 3);
        await hub.DeliverAllAsync();
        string key;
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var result = await db.Results.AsNoTracking().SingleAsync(Ct);
            key = $"{result.TaskNumber}|{result.TargetCreditCode}|{result.DepartmentCode}";

            // What GS publicises says otherwise (say, a notice edited by hand there).
            Copy(db, "GS", "InspectionResult", key, CanonicalJson.Content(result with { Outcome = ResultOutcome.Qualified }), TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(Ct);
        }

        var service = hub.Get<ReconciliationService>();
        Assert.Equal(1, (await service.RunAsync("result", "HUB", "GS", full: true, Ct)).Counts.Conflicting);
        var item = (await service.ItemAsync("result", "HUB", "GS", key, Ct))!;
        Assert.True(item.CanPush.Right);
        Assert.Equal("NoProblemFound", Assert.Single(item.Diffs).Golden);

        var outcome = await service.ResolveAsync("result", "HUB", "GS", key, new ResolutionRequest(ResolutionAction.Push, "GS", "以监管平台录入结果为准", null, "admin"), Ct);
        await hub.DeliverAllAsync();

        Assert.Contains("through route result-notice-gs", outcome, StringComparison.Ordinal);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var sent = await db.Deliveries.Where(d => d.Route == "result-notice-gs").OrderBy(d => d.CreatedAt).ToListAsync(Ct);
            Assert.Equal(2, sent.Count);
            Assert.All(sent, d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
            Assert.Equal(sent[0].Payload, sent[1].Payload);
            Assert.True(await db.ExchangeLog.CountAsync(e => e.Partner == "GS" && e.Direction == ExchangeDirection.Outbound, Ct) >= 2);
        }

        var pair = Assert.Single(await service.PairsAsync(5, Ct), p => p.Kind == "result");
        Assert.Equal(1, pair.LastRun!.Counts.Resolved);
    }

    private static void Copy(HubDbContext db, string partner, string kind, string key, string json, DateTimeOffset at) =>
        db.PartnerRecords.Add(new PartnerRecord { Partner = partner, Kind = kind, Key = key, Json = json, Hash = db.Cipher.ContentHash(json), UpdatedAt = at });

}
