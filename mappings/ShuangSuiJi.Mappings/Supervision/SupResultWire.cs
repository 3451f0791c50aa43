using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ShuangSuiJi.Adapters.Supervision;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Mappings.Wire;

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

    /// <summary>Fields that were not text values (an object or array where SUP sends a string): the record is refused with them.</summary>
    public List<FieldError> Errors { get; } = [];

    /// <summary>The record as SUP sent it, compact; rendered only when asked (refusals keep it).</summary>
    public string Payload() => _payload();

    public static SupResultWire From(JObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var wire = new SupResultWire { _payload = () => json.ToString(Formatting.None) };
        string S(string name) => WireText.Of(json, name, wire.Errors);
        wire.Rwbh = S("RWBH");
        wire.Tyshxydm = S("TYSHXYDM");
        wire.Bmbm = S("BMBM");
        wire.Jcjg = S("JCJG");
        wire.Wtms = S("WTMS");
        wire.Jcfs = S("JCFS");
        wire.Jcrq = S("JCRQ");
        wire.Jcry = [.. WireText.List(json["JCRY"], "JCRY", wire.Errors)];
        wire.Lrrq = S("LRRQ");
        wire.Gxsj = S("GXSJ");
        return wire;
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
                case "RWBH": wire.Rwbh = wire.Text(reader, "RWBH"); break;
                case "TYSHXYDM": wire.Tyshxydm = wire.Text(reader, "TYSHXYDM"); break;
                case "BMBM": wire.Bmbm = wire.Text(reader, "BMBM"); break;
                case "JCJG": wire.Jcjg = wire.Text(reader, "JCJG"); break;
                case "WTMS": wire.Wtms = wire.Text(reader, "WTMS"); break;
                case "JCFS": wire.Jcfs = wire.Text(reader, "JCFS"); break;
                case "JCRQ": wire.Jcrq = wire.Text(reader, "JCRQ"); break;
                case "LRRQ": wire.Lrrq = wire.Text(reader, "LRRQ"); break;
                case "GXSJ": wire.Gxsj = wire.Text(reader, "GXSJ"); break;
                case "JCRY": wire.Jcry = wire.Texts(reader, "JCRY"); break;
                default: reader.Skip(); break;
            }
        }

        SupPageReader.Expect(reader, JsonToken.EndObject);
        var (endLine, endColumn) = (reader.LineNumber, reader.LinePosition);
        wire._payload = () => JObject.Parse(page.Object(startLine, startColumn, endLine, endColumn)).ToString(Formatting.None);
        return wire;
    }

    private string Text(JsonTextReader reader, string field) =>
        reader.TokenType == JsonToken.String ? (string)reader.Value! : WireText.Of(JToken.ReadFrom(reader), field, Errors); // a string token carries its string

    private List<string> Texts(JsonTextReader reader, string field)
    {
        if (reader.TokenType != JsonToken.StartArray)
        {
            reader.Skip();
            return [];
        }

        var values = new List<string>(2);
        while (SupPageReader.Next(reader) && reader.TokenType != JsonToken.EndArray)
        {
            values.Add(Text(reader, $"{field}[{values.Count}]"));
        }

        SupPageReader.Expect(reader, JsonToken.EndArray);
        return values;
    }
}
