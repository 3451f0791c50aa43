using Microsoft.Extensions.Options;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Routing;

namespace ShuangSuiJi.Integration;

/// <summary>Checks every route names a known event, a partner and a readable condition, each failure naming its key.</summary>
internal sealed class ValidateExchangeOptions : IValidateOptions<ExchangeOptions>
{
    public ValidateOptionsResult Validate(string? name, ExchangeOptions options)
    {
        var failures = new List<string>();
        foreach (var (route, r) in options.Routes)
        {
            var key = $"{ExchangeOptions.SectionName}:Routes:{route}";
            if (!HubEventTypes.All.Contains(r.Event))
            {
                failures.Add($"{key}:Event '{r.Event}' is not an event; use one of {string.Join(", ", HubEventTypes.All.Order(StringComparer.Ordinal))}.");
            }

            if (string.IsNullOrWhiteSpace(r.Partner))
            {
                failures.Add($"{key}:Partner is required.");
            }

            if (!RouteCondition.TryParse(r.When, out _, out var error))
            {
                failures.Add($"{key}:When {error}.");
            }
        }

        foreach (var (resource, cron) in options.Schedules)
        {
            if (cron != "off" && cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (5 or 6))
            {
                failures.Add($"{ExchangeOptions.SectionName}:Schedules:{resource} '{cron}' is not a cron expression (or 'off').");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
