using System.Text.Json;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Reconciliation;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Auditing;

/// <summary>
/// Records a <see cref="AuditActs.ConfigurationChange"/> when the exchange (routes, schedules, delivery) or
/// reconciliation settings are reloaded at runtime with different values: the section and the names of the keys that
/// changed, never their values (a value may be a secret).
/// </summary>
internal sealed partial class ConfigurationAudit(
    IOptionsMonitor<ExchangeOptions> exchange, IOptionsMonitor<ReconciliationOptions> reconciliation, IAuditTrail trail, ILogger<ConfigurationAudit> logger) : IHostedService, IDisposable
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Dictionary<string, Dictionary<string, string>> _last = [];
    private readonly Lock _gate = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Watch(ExchangeOptions.SectionName, exchange);
        Watch(ReconciliationOptions.SectionName, reconciliation);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void Watch<T>(string section, IOptionsMonitor<T> monitor)
    {
        _last[section] = Fingerprint(monitor.CurrentValue);
        if (monitor.OnChange(value => Changed(section, value)) is { } subscription)
        {
            _subscriptions.Add(subscription);
        }
    }

    private void Changed<T>(string section, T value)
    {
        List<string> keys;
        lock (_gate)
        {
            var now = Fingerprint(value);
            var before = _last[section];
            keys = [.. now.Keys.Union(before.Keys).Where(k => now.GetValueOrDefault(k) != before.GetValueOrDefault(k)).Order(StringComparer.Ordinal)];
            _last[section] = now;
        }

        if (keys.Count == 0)
        {
            return; // a file touched without a change of value, or a second notification of the same change
        }

        // The change callback is synchronous; the entry is written in the background, and a failure is logged (it cannot reach a caller).
        _ = RecordAsync(section, keys);
    }

    private async Task RecordAsync(string section, IReadOnlyList<string> keys)
    {
        try
        {
            await trail.RecordAsync(new AuditRecord("system", AuditActs.ConfigurationChange, section, Detail: $"reloaded at runtime; changed: {string.Join(", ", keys)}"), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(ex, section);
        }
    }

    /// <summary>Each setting's JSON by its configuration path (<c>Routes:ToZJ:Enabled</c>), so a change is named by key without writing any value.</summary>
    private static Dictionary<string, string> Fingerprint<T>(T value)
    {
        using var document = JsonSerializer.SerializeToDocument(value);
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(document.RootElement, "", leaves);
        return leaves;
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string> leaves)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}:{property.Name}", leaves);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{path}:{index++}", leaves);
                }

                break;
            default:
                leaves[path] = element.GetRawText();
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The configuration change of {Section} could not be written to the audit trail")]
    private partial void LogRecordFailed(Exception ex, string section);
}
