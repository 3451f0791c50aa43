using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Mappings.Wire;
using ShuangSuiJi.Simulators.CreditPublicity;
using ShuangSuiJi.Simulators.NationalPlatform;
using ShuangSuiJi.Simulators.PenaltyCases;
using ShuangSuiJi.Simulators.RiskClassification;
using ShuangSuiJi.Simulators.Supervision;

namespace ShuangSuiJi.Cli.Partners;

/// <summary>
/// <c>ssj replay</c>: sends a payload (canonical JSON, mapped first, or the wire payload itself) to a partner address
/// through the adapter's own client, so it is signed, authorised and retried exactly as the hub does; prints each
/// request and response and what the partner made of every record.
/// </summary>
internal static class ReplayCommand
{
    /// <summary>The simulators' credentials (<c>ssj simulate</c>); a real partner's come from <c>Partners__&lt;P&gt;__…</c> environment variables.</summary>
    private static readonly Dictionary<string, string?> SimulatorCredentials = new()
    {
        ["Partners:SUP:AppKey"] = SupervisionSimulator.AppKey,
        ["Partners:SUP:AppSecret"] = SupervisionSimulator.AppSecret,
        ["Partners:GS:Username"] = CreditPublicitySimulator.Username,
        ["Partners:GS:Password"] = CreditPublicitySimulator.Password,
        ["Partners:FX:ApiKey"] = RiskClassificationSimulator.ApiKey,
        ["Partners:CF:ClientId"] = PenaltyCasesSimulator.ClientId,
        ["Partners:CF:ClientSecret"] = PenaltyCasesSimulator.ClientSecret,
        ["Partners:ZJ:AppId"] = NationalPlatformSimulator.AppId,
        ["Partners:ZJ:Secret"] = NationalPlatformSimulator.Secret,
        ["Partners:ZJ:PollSeconds"] = "0.2",
    };

    public static Command Create()
    {
        var partner = new Option<string>("--partner") { Description = "SUP, GS, FX, CF or ZJ.", Required = true };
        var kind = new Option<string>("--kind") { Description = "The outbound kind: " + WireMappings.Listing(m => m.Replay is not null) + ". With --all, omitted: taken from each file's name (results.out.json)." };
        var input = new Option<FileInfo>("--in") { Description = "Canonical JSON (mapped first, as ssj map --reverse does) or the wire payload." };
        var all = new Option<DirectoryInfo>("--all") { Description = "Replay every file of this folder instead, in name order." };
        var to = new Option<string>("--to") { Description = "The partner's address, such as http://127.0.0.1:5101 (the contract's base path is added when absent).", Required = true };
        var replay = new Command("replay", "Send a payload to a partner (a simulator from ssj simulate, or a stub) as the hub would: mapped, signed, authorised; print request, response and the partner's outcome; exit 1 if it refused any record.")
        {
            partner, kind, input, all, to,
        };
        replay.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var who = parse.GetRequiredValue(partner).ToUpperInvariant();
            var what = parse.GetValue(kind);
            if (!Uri.TryCreate(parse.GetRequiredValue(to), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                await error.WriteLineAsync($"--to must be an http(s) address, not {parse.GetRequiredValue(to)}.");
                return ExitCodes.UsageError;
            }

            List<FileInfo> files;
            if (parse.GetValue(input) is { } file)
            {
                files = [file];
                if (what is null)
                {
                    await error.WriteLineAsync("--kind is required with --in.");
                    return ExitCodes.UsageError;
                }
            }
            else if (parse.GetValue(all) is { Exists: true } folder)
            {
                files = [.. folder.EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal)];
            }
            else
            {
                await error.WriteLineAsync("Give --in <file> or --all <existing folder>.");
                return ExitCodes.UsageError;
            }

            if (files.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                await error.WriteLineAsync($"No such file: {missing.FullName}");
                return ExitCodes.UsageError;
            }

            var refused = 0;
            var sent = 0;
            await using var clients = new ReplayClients(output);
            foreach (var f in files)
            {
                // Named by kind, a folder's inbound payloads (<kind>.in.<ext>, as the golden files are) are not replayed.
                var inbound = what is null && f.Name.Split('.') is [_, "in", ..];
                var mapping = inbound ? null : WireMappings.Find(who, what ?? f.Name.Split('.')[0], WireDirection.Out);
                if (mapping?.Replay is null)
                {
                    if (what is not null && parse.GetValue(all) is null)
                    {
                        await error.WriteLineAsync($"Nothing to replay for {who}/{what}; replayable: {WireMappings.Listing(m => m.Replay is not null)}.");
                        return ExitCodes.UsageError;
                    }

                    await output.WriteLineAsync($"skipped {f.Name}: not named after an outbound {who} kind");
                    continue;
                }

                try
                {
                    var (mapped, result) = await ReplayAsync(mapping, f, address, clients, output, ct);
                    refused += mapped + result.Refused;
                    sent++;
                }
                catch (Exception ex) when (ex is HttpRequestException or Polly.ExecutionRejectedException or Exchange.PartnerException)
                {
                    await error.WriteLineAsync($"{f.Name}: {who} did not answer usably at {address}: {ex.Message}");
                    return ExitCodes.Findings;
                }
                catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or System.Xml.XmlException or FormatException)
                {
                    await error.WriteLineAsync($"{f.Name} is neither canonical JSON nor a {who}/{mapping.Kind} payload: {ex.Message}");
                    return ExitCodes.UsageError;
                }
            }

            await output.WriteLineAsync($"{sent} file(s) replayed to {who}, {refused} record(s) refused");
            return sent == 0 ? ExitCodes.UsageError : refused == 0 ? ExitCodes.Success : ExitCodes.Findings;
        });
        return replay;
    }

    private static async Task<(int Mapped, ReplayOutcome Outcome)> ReplayAsync(
        WireMapping mapping, FileInfo file, Uri address, ReplayClients clients, TextWriter output, CancellationToken cancellationToken)
    {
        var replay = mapping.Replay!; // the caller only passes replayable mappings
        var text = await File.ReadAllTextAsync(file.FullName, cancellationToken);
        var wire = text;
        var mappingRefusals = 0;
        await output.WriteLineAsync($"== {mapping.Partner}/{mapping.Kind} from {file.Name}");
        if (mapping.Render is { } render)
        {
            try
            {
                var rendered = render(text, new WireContext(TimeProvider.System));
                wire = rendered.Wire;
                mappingRefusals = rendered.Refusals.Count;
                await output.WriteLineAsync($"canonical JSON mapped to the wire ({rendered.Refusals.Count} record(s) refused by the mapping)");
                foreach (var (index, reason) in rendered.Refusals)
                {
                    await output.WriteLineAsync($"record {index + 1}: rejected by the mapping: {reason}");
                }
            }
            catch (JsonException)
            {
                await output.WriteLineAsync("not canonical JSON: sent as the wire payload");
            }
        }

        var outcome = await replay.SendAsync(clients.For(mapping, address), wire, cancellationToken);
        await output.WriteLineAsync("outcome:");
        foreach (var line in outcome.Lines)
        {
            await output.WriteLineAsync("  " + line);
        }

        return (mappingRefusals, outcome);
    }

    /// <summary>
    /// The adapter's services, built once per partner and address for the whole run (a folder replays many files to
    /// one partner): one container, one HTTP client pipeline, one token or signing state, as the hub has.
    /// </summary>
    private sealed class ReplayClients(TextWriter output) : IAsyncDisposable
    {
        private readonly Dictionary<string, ServiceProvider> _providers = new(StringComparer.Ordinal);

        public IServiceProvider For(WireMapping mapping, Uri address)
        {
            var replay = mapping.Replay!; // only replayable mappings come here
            var baseUrl = address.AbsolutePath is "/" or "" ? new Uri(address, replay.BasePath) : address;
            if (!baseUrl.AbsoluteUri.EndsWith('/'))
            {
                baseUrl = new Uri(baseUrl.AbsoluteUri + "/");
            }

            var key = $"{mapping.Partner} {baseUrl.AbsoluteUri}";
            if (_providers.TryGetValue(key, out var existing))
            {
                return existing;
            }

            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(SimulatorCredentials)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(new Dictionary<string, string?> { [$"Partners:{mapping.Partner}:BaseUrl"] = baseUrl.AbsoluteUri })
                .Build();
            var services = new ServiceCollection();
            services.AddSingleton(TimeProvider.System);
            services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() => new RecordingHandler(output)));
            replay.AddClient(services, configuration);
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            _providers[key] = provider;
            return provider;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var provider in _providers.Values)
            {
                await provider.DisposeAsync();
            }
        }
    }
}
