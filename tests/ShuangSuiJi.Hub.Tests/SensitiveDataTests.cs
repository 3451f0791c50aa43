using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Hub.Exchanges;
using ShuangSuiJi.Hub.Sensitive;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>On screen the numbers are masked for everyone; administrators reveal one, audited.</summary>
public sealed class SensitiveDataTests(AccessHub hub) : IClassFixture<AccessHub>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reveal_Administrator_SeesTheWholeNumberOnce_AndTheActIsAudited()
    {
        var (certificate, idNumber) = await AnyInspectorAsync();
        using var admin = hub.Factory.CreateClient();

        var shown = await admin.GetStringAsync(new Uri($"/api/inspectors/{Uri.EscapeDataString(certificate)}", UriKind.Relative), Ct);
        using var reveal = await admin.PostAsync(new Uri($"/api/inspectors/{Uri.EscapeDataString(certificate)}/reveal?field=idNumber", UriKind.Relative), null, Ct);

        Assert.DoesNotContain(idNumber, shown, StringComparison.Ordinal);
        Assert.Contains(new IdNumber(idNumber).ToString(), shown, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reveal.StatusCode);
        var body = JsonDocument.Parse(await reveal.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(idNumber, body.GetProperty("value").GetString());
        await using var db = hub.Factory.Store.Factory.CreateDbContext();
        var entry = await db.AuditEntries.AsNoTracking().Where(a => a.Act == AuditActs.Reveal && a.Subject == $"inspector/{certificate}").SingleAsync(Ct);
        Assert.Equal("field=idNumber", entry.Detail);
        Assert.Equal(AuditOutcomes.Succeeded, entry.Outcome);
        Assert.False(string.IsNullOrEmpty(entry.Actor));
    }

    [Fact]
    public async Task Reveal_Viewer_IsForbidden_AndNothingIsAudited()
    {
        var (certificate, _) = await AnyInspectorAsync();
        using var viewer = hub.Factory.CreateClientAs(AccountRoles.Viewer, followRedirects: false);

        using var reveal = await viewer.PostAsync(new Uri($"/api/inspectors/{Uri.EscapeDataString(certificate)}/reveal?field=phone", UriKind.Relative), null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, reveal.StatusCode);
        await using var db = hub.Factory.Store.Factory.CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Act == AuditActs.Reveal && a.Detail == "field=phone", Ct));
    }

    [Fact]
    public async Task FindByIdNumber_Administrator_FindsTheInspectorByItsBlindIndex_Masked_AndTheSearchIsAudited()
    {
        var (certificate, idNumber) = await AnyInspectorAsync(endingInX: true);
        using var admin = hub.Factory.CreateClient();

        // Typed with spaces and a lower-case check character: the index is over the trimmed, upper-cased number.
        using var found = await admin.PostAsJsonAsync(new Uri("/api/inspectors/find-by-id-number", UriKind.Relative), new { idNumber = $" {idNumber.ToLowerInvariant()} " }, Ct);
        using var none = await admin.PostAsJsonAsync(new Uri("/api/inspectors/find-by-id-number", UriKind.Relative), new { idNumber = "110101190001010000" }, Ct);
        using var malformed = await admin.PostAsJsonAsync(new Uri("/api/inspectors/find-by-id-number", UriKind.Relative), new { idNumber = "12345" }, Ct);

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var text = await found.Content.ReadAsStringAsync(Ct);
        var list = JsonDocument.Parse(text).RootElement;
        Assert.Equal(certificate, Assert.Single(list.EnumerateArray()).GetProperty("certificateNumber").GetString());
        Assert.DoesNotContain(idNumber, text, StringComparison.Ordinal);
        Assert.Contains(new IdNumber(idNumber).ToString(), text, StringComparison.Ordinal);
        Assert.Equal("[]", await none.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("17 digits", await malformed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await using var db = hub.Factory.Store.Factory.CreateDbContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Act == AuditActs.Lookup).ToListAsync(Ct);
        var entry = Assert.Single(entries, e => e.Detail!.EndsWith(certificate, StringComparison.Ordinal));
        Assert.Equal($"{new IdNumber(idNumber)}: {certificate}", entry.Detail);
        Assert.Contains(entries, e => e.Detail == "110***********0000: none found");
        Assert.All(entries, e => Assert.DoesNotContain(idNumber, e.Detail!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FindByIdNumber_Viewer_IsForbidden()
    {
        var (_, idNumber) = await AnyInspectorAsync();
        using var viewer = hub.Factory.CreateClientAs(AccountRoles.Viewer, followRedirects: false);

        using var response = await viewer.PostAsJsonAsync(new Uri("/api/inspectors/find-by-id-number", UriKind.Relative), new { idNumber }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(string Certificate, string IdNumber)> AnyInspectorAsync(bool endingInX = false)
    {
        await using var db = hub.Factory.Store.Factory.CreateDbContext();
        // The numbers are encrypted in the store, so an X check character is looked for after reading them.
        var inspectors = await db.Inspectors.AsNoTracking().Where(i => i.IdNumber != null).OrderBy(i => i.CertificateNumber).ToListAsync(Ct);
        var inspector = inspectors.First(i => !endingInX || i.IdNumber!.Value.Value.EndsWith('X'));
        return (inspector.CertificateNumber, inspector.IdNumber!.Value.Value); // the Where keeps only inspectors with one
    }
}

/// <summary>Masking in the log output; production's refusal of missing and default secrets; development still starts.</summary>
public sealed class SensitiveStartupTests
{
    private const string IdNumber = "36010219900307123X";
    private const string Phone = "13912345678";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void LogOutput_MasksIdAndPhoneNumbers_InObjectsStringsAndCollections()
    {
        using var services = new ServiceCollection().AddSensitiveDataRedaction().BuildServiceProvider(validateScopes: true);
        var sink = new CapturingSink();
        using (var log = new LoggerConfiguration().MaskSensitiveNumbers(services.GetRequiredService<IRedactorProvider>()).WriteTo.Sink(sink).CreateLogger())
        {
            var inspector = new Inspector
            {
                CertificateNumber = "赣36010099001", Name = "测试", DepartmentCode = "360102-SCJG", IdNumber = new IdNumber(IdNumber), Phone = new PhoneNumber(Phone),
                CertificateValidTo = new DateOnly(2030, 1, 1), Status = InspectorStatus.OnDuty, Provenance = new Provenance("P1", "test", DateTimeOffset.UnixEpoch),
            };
            log.Information("Stored {@Inspector}", inspector);
            log.Warning("Partner said {PartnerMessage} for {Numbers}", $"证件号码 {IdNumber} 联系电话 {Phone} 不符", new[] { IdNumber, Phone });
            log.Information("Raw {Id} and {Phone}", new IdNumber(IdNumber), new PhoneNumber(Phone));
        }

        var output = sink.Output;
        Assert.Equal(3, sink.Count);
        Assert.DoesNotContain(IdNumber, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, output, StringComparison.Ordinal);
        Assert.Contains("360***********123X", output, StringComparison.Ordinal);
        Assert.Contains("139****5678", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_DefaultDataKeyAndSimulators_RefuseToStart_NamingTheKeys()
    {
        await using var store = TestStore.Sqlite();

        var ex = Assert.Throws<OptionsValidationException>(() => HubApplication.Build(
            ["--environment=Production", "--Security:DataKey=AAAAAAAAAAAAAAAAAAAAAA==", $"--Storage:DataDirectory={store.Options.DataDirectory}", $"--Hub:LogDirectory={store.Options.DataDirectory}"]));

        Assert.Contains(ex.Failures, f => f.StartsWith("Security:DataKey is a known default", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Simulators:Enabled must be false in production", StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Failures, f => f.Contains("AAAAAAAAAAAAAAAAAAAAAA==", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Production_SimulatorSecretForAPartner_IsRefused_ARealOneIsNot()
    {
        await using var store = TestStore.Sqlite();
        string[] common = ["--environment=Production", $"--Security:DataKey={Storage.Protection.FieldCipher.NewKey()}", "--Simulators:Enabled=false", $"--Storage:DataDirectory={store.Options.DataDirectory}", $"--Hub:LogDirectory={store.Options.DataDirectory}"];
        var defaults = HubExchanges.Modules(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var module = defaults.First(m => m.SecretKeys.Count > 0);
        var section = module.ConfigurationSection;
        var developmentSecret = ShuangSuiJi.Exchange.IPartnerStandIns.DevelopmentSecretsOf("ShuangSuiJi.Simulators")[0];

        var ex = Assert.Throws<OptionsValidationException>(() => HubApplication.Build([.. common, $"--{section}:BaseUrl=http://127.0.0.1:9/", $"--{section}:{module.SecretKeys[0]}={developmentSecret}"]));
        await using var app = HubApplication.Build([.. common]);

        Assert.Contains(ex.Failures, f => f.StartsWith($"{section}:{module.SecretKeys[0]} is a known default", StringComparison.Ordinal));
        Assert.NotNull(app);
    }

    [Fact]
    public async Task Development_WithoutAnyKey_StartsAndGeneratesOneIntoTheDataFolder()
    {
        using var folder = new TempFolder();

        await using var app = HubApplication.Build(["--environment=Development", $"--Storage:DataDirectory={folder.Path}", $"--Hub:LogDirectory={folder.Path}", "--Simulators:Enabled=false", "--Hub:SeedOnStart=false", "--Exchange:Enabled=false", "--Urls=http://127.0.0.1:0"]);
        await app.StartAsync(Ct);
        await app.StopAsync(Ct);

        Assert.True(File.Exists(Path.Combine(folder.Path, Storage.Protection.DataKeys.FileName)));
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ssj-dev-");

        public string Path => _folder.FullName;

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Delete(recursive: true);
        }
    }

    private sealed class CapturingSink : ILogEventSink
    {
        private readonly StringWriter _text = new();
        private readonly CompactJsonFormatter _json = new();

        public int Count { get; private set; }

        public string Output => _text.ToString();

        public void Emit(LogEvent logEvent)
        {
            Count++;
            _text.WriteLine(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
            _json.Format(logEvent, _text);
        }
    }
}
