using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShuangSuiJi.Mappings.Wire;

/// <summary>Reading JSON wire files: a partner's page as received, a bare array of records, or one record.</summary>
public static class WirePayload
{
    /// <summary>Deepest nesting read from a partner's JSON.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The records of a JSON payload: the array at the first of <paramref name="listPaths"/> present (a page as the
    /// partner sends it, such as <c>data.list</c>), else the payload itself when it is an array, else the one object.
    /// </summary>
    /// <exception cref="Newtonsoft.Json.JsonReaderException">The payload is not JSON.</exception>
    public static IReadOnlyList<JObject> Records(byte[] payload, params string[] listPaths)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(listPaths);
        JToken json;
        // Newtonsoft's default depth limit, stated: a partner's record is a few levels deep, 10,000 nested arrays are an attack.
        using (var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(payload))) { MaxDepth = MaxDepth })
        {
            json = JToken.ReadFrom(reader);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("Additional text found in the payload after its JSON value.", reader.Path, reader.LineNumber, reader.LinePosition, null);
                }
            }
        }

        foreach (var path in listPaths)
        {
            if (json.SelectToken(path) is JArray list)
            {
                return [.. list.OfType<JObject>()];
            }
        }

        return json switch
        {
            JArray array => [.. array.OfType<JObject>()],
            JObject one => [one],
            _ => [],
        };
    }

    /// <summary>Newtonsoft JSON, indented by two spaces with LF line ends, as wire files are written.</summary>
    public static string Indented(JToken json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json.ToString(Newtonsoft.Json.Formatting.Indented).ReplaceLineEndings("\n") + "\n";
    }
}
