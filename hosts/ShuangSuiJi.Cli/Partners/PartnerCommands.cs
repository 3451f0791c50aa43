using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml.Linq;
using Mapster;
using ShuangSuiJi.Adapters.CreditPublicity;
using ShuangSuiJi.Adapters.RiskClassification;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Mappings.CreditPublicity;
using ShuangSuiJi.Mappings.RiskClassification;
using ShuangSuiJi.Simulators.CreditPublicity;
using ShuangSuiJi.Simulators.RiskClassification;

namespace ShuangSuiJi.Cli.Partners;

/// <summary><c>ssj map</c> (a partner payload to canonical JSON, or back) and <c>ssj simulate</c> (the simulators on loopback).</summary>
internal static class PartnerCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static Command Map()
    {
        var partner = new Option<string>("--partner") { Description = "GS or FX (the partners with a map verb so far).", Required = true };
        var kind = new Option<string>("--kind") { Description = "target (GS) or grade (FX).", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "The payload: GS entity XML; FX export CSV, plain or gzip; with --reverse, canonical JSON.", Required = true };
        var reverse = new Option<bool>("--reverse") { Description = "Map canonical JSON to the partner's wire format instead." };
        var map = new Command("map", "Map a partner payload to canonical JSON (every record, refused ones marked with field and reason; exit 1 if any), or back with --reverse.") { partner, kind, input, reverse };
        map.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(input);
            var output = parse.InvocationConfiguration.Output;
            if (!file.Exists)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"No such file: {file.FullName}");
                return ExitCodes.UsageError;
            }

            var which = $"{parse.GetRequiredValue(partner).ToUpperInvariant()}/{parse.GetRequiredValue(kind).ToLowerInvariant()}";
            if (parse.GetValue(reverse))
            {
                if (which != "GS/target")
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"--reverse maps GS/target so far, not {which}.");
                    return ExitCodes.UsageError;
                }

                var targets = JsonSerializer.Deserialize<List<Target>>(await File.ReadAllTextAsync(file.FullName, ct), Json) ?? [];
                var config = new TypeAdapterConfig();
                new CreditPublicityRegister().Register(config);
                var body = new XElement("body", new XElement("total", targets.Count), targets.Select(t => GsEntityXml(t.Adapt<GsEntity>(config))));
                output.WriteLine(new XElement("response", new XElement("head", new XElement("code", "0"), new XElement("message", "成功")), body));
                return ExitCodes.Success;
            }

            var records = new List<(object? Record, string Key, string Location, IReadOnlyList<FieldError> Errors)>();
            switch (which)
            {
                case "GS/target":
                    var page = GsXml.EntitiesPage(await File.ReadAllBytesAsync(file.FullName, ct), 1);
                    var validator = new CanonicalValidator(Core.ChinaTime.Today(TimeProvider.System));
                    records.AddRange(page.Entities.Select((e, i) => CreditPublicityRegister.ToCanonical(e, $"entity {i + 1}", validator, TimeProvider.System.GetUtcNow()))
                        .Select(r => ((object?)r.Record, r.Key, r.Location, r.Errors)));
                    break;
                case "FX/grade":
                    await using (var stream = file.OpenRead())
                    {
                        await foreach (var row in FxClient.ReadExportAsync(stream, null, declaredGzip: false, "map", ct))
                        {
                            var r = RiskClassificationRegister.ToCanonical(row, "map", TimeProvider.System.GetUtcNow());
                            records.Add((r.Record, r.Key, r.Location, r.Errors));
                        }
                    }

                    break;
                default:
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"No mapping for {which}; mapped so far: GS/target, FX/grade.");
                    return ExitCodes.UsageError;
            }

            output.WriteLine(JsonSerializer.Serialize(records.Select(r => r.Errors.Count == 0
                ? (object)new { record = r.Record }
                : new { rejected = true, key = r.Key, location = r.Location, errors = r.Errors.Select(e => new { field = e.Field, reason = e.Reason }) }), Json));
            var refused = records.Count(r => r.Errors.Count > 0);
            await parse.InvocationConfiguration.Error.WriteLineAsync($"{records.Count} record(s), {refused} rejected");
            return refused == 0 ? ExitCodes.Success : ExitCodes.Findings;
        });
        return map;
    }

    private static XElement GsEntityXml(GsEntity e) => new("entity",
        new XElement("uniscid", e.Uniscid), new XElement("entname", e.Entname), new XElement("regno", e.Regno), new XElement("enttype", e.Enttype),
        new XElement("lerep", e.Lerep), new XElement("dom", e.Dom), new XElement("regorg", e.Regorg), new XElement("estdate", e.Estdate),
        new XElement("regstate", e.Regstate), new XElement("industryco", e.Industryco), new XElement("tags", e.Tags.Select(t => new XElement("tag", t))),
        new XElement("modified", e.Modified));

    public static Command Simulate()
    {
        var targets = new Option<long>("--targets") { Description = "Targets in the simulated province.", DefaultValueFactory = _ => 20_000 };
        var basePort = new Option<int>("--base-port")
        {
            Description = "SUP on this loopback port, GS, FX, CF and ZJ on the next four (default: free ports).",
            DefaultValueFactory = _ => 0,
        };
        basePort.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is not (0 or (>= 1024 and <= 65530)))
            {
                r.AddError("--base-port must be between 1024 and 65530 (or 0 for free ports).");
            }
        });
        var simulate = new Command("simulate", "Start the five partner simulators on loopback with a generated province; print their URLs, credentials and the hub settings that reach them; stop with Ctrl+C.") { targets, basePort };
        simulate.SetAction(async (parse, ct) =>
        {
            using var set = new ShuangSuiJi.Simulators.PartnerSimulatorSet(new GeneratorOptions { TargetCount = parse.GetValue(targets) }, parse.GetValue(basePort));
            var (sup, gs, fx, cf, zj) = (set.Sup, set.Gs, set.Fx, set.Cf, set.Zj);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"SUP {sup.BaseUrl}  (appKey {ShuangSuiJi.Simulators.Supervision.SupervisionSimulator.AppKey}, HMAC-SM3 secret {ShuangSuiJi.Simulators.Supervision.SupervisionSimulator.AppSecret})");
            output.WriteLine($"GS  {gs.BaseUrl}  (username {CreditPublicitySimulator.Username}, password {CreditPublicitySimulator.Password})");
            output.WriteLine($"FX  {fx.BaseUrl}  (X-Api-Key {RiskClassificationSimulator.ApiKey})");
            output.WriteLine($"CF  {cf.BaseUrl}  (client {ShuangSuiJi.Simulators.PenaltyCases.PenaltyCasesSimulator.ClientId}, secret {ShuangSuiJi.Simulators.PenaltyCases.PenaltyCasesSimulator.ClientSecret})");
            output.WriteLine($"ZJ  {zj.BaseUrl}  (appid {ShuangSuiJi.Simulators.NationalPlatform.NationalPlatformSimulator.AppId}, HMAC-SHA256 secret {ShuangSuiJi.Simulators.NationalPlatform.NationalPlatformSimulator.Secret})");
            output.WriteLine("A hub reaches them with:");
            output.WriteLine("  " + string.Join(' ', set.Settings.Select(s => $"--{s.Key}={s.Value}")));
            output.WriteLine("Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                output.WriteLine("stopped");
            }

            return ExitCodes.Success;
        });
        return simulate;
    }
}
