using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Core.Validation;

namespace ShuangSuiJi.Mappings.Wire;

/// <summary>
/// Reading partner JSON fields that should be text. A partner may send an object, an array or a number where the
/// contract says a string; a number reads as its invariant text, an object or array reads as empty and is a field
/// error naming the wire field, so the record is refused with a reason instead of the whole page failing on a cast.
/// </summary>
public static class WireText
{
    /// <summary>The text of <paramref name="json"/>'s <paramref name="field"/>; empty when absent or null.</summary>
    public static string Of(JObject json, string field, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Of(json[field], field, errors);
    }

    /// <summary>The text of <paramref name="token"/>, named <paramref name="field"/> in an error.</summary>
    public static string Of(JToken? token, string field, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        switch (token)
        {
            case null:
            case { Type: JTokenType.Null or JTokenType.Undefined }:
                return "";
            case JValue { Value: IFormattable formattable } and not { Type: JTokenType.Date }:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case JValue value:
                return value.Type == JTokenType.Date ? value.ToString(Formatting.None).Trim('"') : value.Value?.ToString() ?? "";
            default:
                var error = new FieldError(field, $"{field} is a JSON {token.Type.ToString().ToLowerInvariant()}, not a text value");
                if (!errors.Contains(error))
                {
                    errors.Add(error);
                }

                return "";
        }
    }

    /// <summary>The texts of an array field; a field that is not an array reads as empty (as before), a non-text element is a field error.</summary>
    public static IReadOnlyList<string> List(JToken? token, string field, List<FieldError> errors) =>
        token is JArray array ? [.. array.Select((v, i) => Of(v, $"{field}[{i}]", errors))] : [];

    /// <summary>A key field's text for logs and de-duplication, never failing: a non-text value reads as its JSON.</summary>
    public static string Key(JToken? token) => token switch
    {
        null => "",
        JValue value => value.Value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : value.Value?.ToString() ?? "",
        _ => token.ToString(Formatting.None),
    };
}
