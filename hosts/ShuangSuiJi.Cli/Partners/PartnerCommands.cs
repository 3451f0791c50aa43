using System.CommandLine;
using System.Text.Json;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Mappings.Wire;
using ShuangSuiJi.Simulators.CreditPublicity;
using ShuangSuiJi.Simulators.RiskClassification;

namespace ShuangSuiJi.Cli.Partners;

/// <summary><c>ssj map</c> (a partner payload to canonical JSON, or back) and <c>ssj simulate</c> (the simulators on loopback).</summary>
internal static class PartnerCommands
{
    /// <summary><c>ssj map</c>: every kind in <see cref="WireMappings"/>, forward (wire → canonical) or with <c>--reverse</c>.</summary>
    public static Command Map()
    {
        var partner = new Option<string>("--partner") { Description = "SUP, GS, FX, CF or ZJ.", Required = true };
        var kind = new Option<string>("--kind") { Description = "The kind, as the contract names the resource: " + WireMappings.Listing(_ => true) + ".", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "The payload (JSON page or array, GS XML, FX CSV plain or gzip); with --reverse, canonical JSON.", Required = true };
        var reverse = new Option<bool>("--reverse") { Description = "Map canonical JSON (an array) to the partner's wire format instead." };
        var map = new Command("map", "Map a partner payload to canonical JSON (every record, refused ones marked with field and reason; exit 1 if any), or back with --reverse.") { partner, kind, input, reverse };
        map.SetAction(async (parse, ct) =>
        {
            var file = parse.GetRequiredValue(input);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!file.Exists)
            {
                await error.WriteLineAsync($"No such file: {file.FullName}");
                return ExitCodes.UsageError;
            }

            var (who, what) = (parse.GetRequiredValue(partner), parse.GetRequiredValue(kind));
            var context = new WireContext(TimeProvider.System);
            if (parse.GetValue(reverse))
            {
                if (WireMappings.FindRenderer(who, what) is not { Render: { } render })
                {
                    await error.WriteLineAsync($"No reverse mapping for {who.ToUpperInvariant()}/{what}; there is one for {WireMappings.Listing(m => m.Render is not null)}.");
                    return ExitCodes.UsageError;
                }

                RenderedWire rendered;
                try
                {
                    rendered = render(await File.ReadAllTextAsync(file.FullName, ct), context);
                }
                catch (JsonException ex)
                {
                    await error.WriteLineAsync($"{file.Name} is not canonical JSON for {who.ToUpperInvariant()}/{what}: {ex.Message}");
                    return ExitCodes.UsageError;
                }

                await output.WriteAsync(rendered.Wire);
                foreach (var (index, reason) in rendered.Refusals)
                {
                    await error.WriteLineAsync($"record {index + 1} rejected: {reason}");
                }

                return rendered.Refusals.Count == 0 ? ExitCodes.Success : ExitCodes.Findings;
            }

            if (WireMappings.Find(who, what, WireDirection.In) is not { ReadAsync: { } read })
            {
                await error.WriteLineAsync($"No mapping from {who.ToUpperInvariant()}/{what} to canonical; mapped: {WireMappings.Listing(m => m.ReadAsync is not null)} (outbound kinds take --reverse).");
                return ExitCodes.UsageError;
            }

            IReadOnlyList<MappedRecord> records;
            try
            {
                records = await read(await File.ReadAllBytesAsync(file.FullName, ct), context, ct);
            }
            catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or ShuangSuiJi.Exchange.PartnerException or FormatException or System.Xml.XmlException)
            {
                // A whole payload the mapping cannot read (not JSON, malformed XML, a CSV with the wrong header) is a usage error, not a refused record.
                await error.WriteLineAsync($"{file.Name} is not a {who.ToUpperInvariant()}/{what} payload: {ex.Message}");
                return ExitCodes.UsageError;
            }

            output.WriteLine(CanonicalJson.Report(records));
            var refused = records.Count(r => r.Refused);
            await error.WriteLineAsync($"{records.Count} record(s), {refused} rejected");
            return refused == 0 ? ExitCodes.Success : ExitCodes.Findings;
        });
        return map;
    }

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
