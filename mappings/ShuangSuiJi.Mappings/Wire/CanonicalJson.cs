using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Mappings.Wire;

/// <summary>
/// Canonical records as files: camelCase, enums by name, indented, Chinese unescaped, value tuples by their fields
/// (a draw's targets). ID and phone numbers are written masked (their <c>ToString</c>), never whole.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The event bodies' options (<c>EventJson.Options</c>: camelCase, enums by name, fields), laid out for files.</summary>
    public static readonly JsonSerializerOptions Options = new(Exchange.Events.EventJson.Options)
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,

        // A file missing a record's constructor arguments is not that canonical record (ssj replay then reads it as wire).
        RespectRequiredConstructorParameters = true,
        Converters = { new MaskedConverter<IdNumber>(v => new IdNumber(v)), new MaskedConverter<PhoneNumber>(v => new PhoneNumber(v)) },
    };

    /// <summary>An array of canonical records of type <typeparamref name="T"/>.</summary>
    /// <exception cref="JsonException">The text is not such an array (a required member missing, a wrong type).</exception>
    public static IReadOnlyList<T> ReadArray<T>(string json) =>
        JsonSerializer.Deserialize<List<T>>(json, Options) ?? throw new JsonException($"Expected an array of {typeof(T).Name}, found null.");

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// What <c>ssj map</c> prints and the golden files hold: per record, in the payload's order, either
    /// <c>{"record": …}</c> or <c>{"rejected": true, "key", "location", "errors": [{"field", "reason"}]}</c>.
    /// </summary>
    public static string Report(IEnumerable<MappedRecord> records) =>
        Write(records.Select(r => r.Refused
            ? (object)new { rejected = true, key = r.Key, location = r.Location, errors = r.Errors.Select(e => new { field = e.Field, reason = e.Reason }) }
            : new { record = r.Record }));

    private sealed class MaskedConverter<T>(Func<string, T> create) : JsonConverter<T>
        where T : struct
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => create(reader.GetString() ?? "");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(value.ToString());
        }
    }
}
