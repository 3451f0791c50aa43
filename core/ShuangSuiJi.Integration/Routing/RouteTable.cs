using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Integration.Routing;

/// <summary>A configured route, its condition parsed.</summary>
public sealed record Route(string Name, string Event, string Partner, RouteCondition? Condition);

/// <summary>The routes in effect, from <see cref="ExchangeOptions.Routes"/>; validated at start.</summary>
public sealed class RouteTable
{
    private readonly IReadOnlyList<Route> _routes;

    public RouteTable(IOptions<ExchangeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _routes = [.. options.Value.Routes
            .Where(r => r.Value.Enabled)
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => RouteCondition.TryParse(r.Value.When, out var c, out _) ? new Route(r.Key, r.Value.Event, r.Value.Partner, c) : null)
            .OfType<Route>()];
    }

    public IReadOnlyList<Route> All => _routes;

    /// <summary>The routes an event takes.</summary>
    public IEnumerable<Route> For(string eventType, string payload)
    {
        JsonNode? body = null;
        foreach (var route in _routes.Where(r => r.Event == eventType))
        {
            if (route.Condition is null || route.Condition.Matches(body ??= JsonNode.Parse(payload)))
            {
                yield return route;
            }
        }
    }
}
