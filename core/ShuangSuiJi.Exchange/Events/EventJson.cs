using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShuangSuiJi.Exchange.Events;

/// <summary>How event bodies are written in the outbox and read by deliveries: camelCase, enums by name.</summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        IncludeFields = true, // value tuples (a draw's targets) serialise by their fields
    };

    public static string Serialize<T>(T body) => JsonSerializer.Serialize(body, Options);

    /// <exception cref="JsonException">The body is not a <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The event body is empty; expected a {typeof(T).Name}.");
}
