using System.Text.Json.Nodes;

namespace ShuangSuiJi.Integration.Routing;

/// <summary>
/// A route's condition on the event body: <c>path in a,b</c>, <c>path not in a,b</c>, <c>path = a</c> or
/// <c>path != a</c>, the path a dotted camelCase walk into the body (<c>result.outcome</c>). Values compare as text,
/// ignoring case. No condition matches everything.
/// </summary>
public sealed class RouteCondition
{
    private readonly string[] _path;
    private readonly HashSet<string> _values;
    private readonly bool _negated;

    private RouteCondition(string[] path, IEnumerable<string> values, bool negated)
    {
        _path = path;
        _values = new HashSet<string>(values, StringComparer.OrdinalIgnoreCase);
        _negated = negated;
    }

    /// <summary>Reads a condition, or explains what is wrong with it.</summary>
    public static bool TryParse(string? text, out RouteCondition? condition, out string? error)
    {
        condition = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var t = text.Trim();
        (string Op, bool Negated, bool List)[] operators = [(" not in ", true, true), (" in ", false, true), ("!=", true, false), ("=", false, false)];
        foreach (var (op, negated, list) in operators)
        {
            var at = t.IndexOf(op, StringComparison.OrdinalIgnoreCase);
            if (at <= 0)
            {
                continue;
            }

            var path = t[..at].Trim();
            var right = t[(at + op.Length)..].Trim();
            if (path.Length == 0 || path.Contains(' ', StringComparison.Ordinal) || right.Length == 0)
            {
                break;
            }

            var values = list ? right.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [right];
            condition = new RouteCondition(path.Split('.'), values, negated);
            return true;
        }

        error = $"'{text}' is not a condition; write 'path in a,b', 'path not in a,b', 'path = a' or 'path != a'";
        return false;
    }

    /// <summary>Whether the event body satisfies the condition; a missing path compares as empty text.</summary>
    public bool Matches(JsonNode? body)
    {
        var node = body;
        foreach (var step in _path)
        {
            node = node is JsonObject o ? o.FirstOrDefault(p => string.Equals(p.Key, step, StringComparison.OrdinalIgnoreCase)).Value : null;
        }

        var value = node is JsonValue v ? v.ToString() : node?.ToJsonString() ?? "";
        return _values.Contains(value) != _negated;
    }
}
