using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.Supervision;

namespace ShuangSuiJi.Mappings.Supervision;

/// <summary>
/// A SUP result (<c>GET /results</c>) as read from the wire, each field as SUP sent it (a missing or null field reads as
/// empty, a number or other scalar as its text, exactly as <c>(string?)json[name] ?? ""</c> reads a
/// <see cref="JObject"/>), with the record's own JSON for a refusal. Read straight from the page's tokens
/// (<see cref="Read"/>) or from a JSON object (<see cref="From"/>, for files).
/// </summary>
public sealed class SupResultWire
{
    private Func<string> _payload = () => "{}";

    public string Rwbh { get; private set; } = "";

    public string Tyshxydm { get; private set; } = "";

    public string Bmbm { get; private set; } = "";

    public string Jcjg { get; private set; } = "";

    public string Wtms { get; private set; } = "";

    public string Jcfs { get; private set; } = "";

    public string Jcrq { get; private set; } = "";

    public List<string> Jcry { get; private set; } = [];

    public string Lrrq { get; private set; } = "";

    public string Gxsj { get; private set; } = "";

    /// <summary>The record as SUP sent it, compact; rendered only when asked (refusals keep it).</summary>
    public string Payload() => _payload();

    public static SupResultWire From(JObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        string S(string name) => (string?)json[name] ?? "";
        return new SupResultWire
        {
            Rwbh = S("RWBH"), Tyshxydm = S("TYSHXYDM"), Bmbm = S("BMBM"), Jcjg = S("JCJG"), Wtms = S("WTMS"), Jcfs = S("JCFS"), Jcrq = S("JCRQ"),
            Jcry = [.. (json["JCRY"] as JArray ?? []).Select(v => (string?)v ?? "")], Lrrq = S("LRRQ"), Gxsj = S("GXSJ"),
            _payload = () => json.ToString(Formatting.None),
        };
    }

    /// <summary>Reads one record, the reader on its <see cref="JsonToken.StartObject"/>; leaves it on the matching <see cref="JsonToken.EndObject"/>.</summary>
    /// <param name="page">The page, from which the record's own JSON is cut when a refusal needs it.</param>
    public static SupResultWire Read(JsonTextReader reader, SupPageText page)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(page);
        var wire = new SupResultWire();
        var (startLine, startColumn) = (reader.LineNumber, reader.LinePosition);
        while (SupPageReader.Next(reader) && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!; // a property name token always carries its name
            SupPageReader.Next(reader);
            switch (name)
            {
                case "RWBH": wire.Rwbh = Text(reader); break;
                case "TYSHXYDM": wire.Tyshxydm = Text(reader); break;
                case "BMBM": wire.Bmbm = Text(reader); break;
                case "JCJG": wire.Jcjg = Text(reader); break;
                case "WTMS": wire.Wtms = Text(reader); break;
                case "JCFS": wire.Jcfs = Text(reader); break;
                case "JCRQ": wire.Jcrq = Text(reader); break;
                case "LRRQ": wire.Lrrq = Text(reader); break;
                case "GXSJ": wire.Gxsj = Text(reader); break;
                case "JCRY": wire.Jcry = Texts(reader); break;
                default: reader.Skip(); break;
            }
        }

        SupPageReader.Expect(reader, JsonToken.EndObject);
        var (endLine, endColumn) = (reader.LineNumber, reader.LinePosition);
        wire._payload = () => JObject.Parse(page.Object(startLine, startColumn, endLine, endColumn)).ToString(Formatting.None);
        return wire;
    }

    private static string Text(JsonTextReader reader) =>
        reader.TokenType == JsonToken.String ? (string)reader.Value! : (string?)JToken.ReadFrom(reader) ?? ""; // a string token carries its string

    private static List<string> Texts(JsonTextReader reader)
    {
        if (reader.TokenType != JsonToken.StartArray)
        {
            reader.Skip();
            return [];
        }

        var values = new List<string>(2);
        while (SupPageReader.Next(reader) && reader.TokenType != JsonToken.EndArray)
        {
            values.Add(Text(reader));
        }

        SupPageReader.Expect(reader, JsonToken.EndArray);
        return values;
    }
}
