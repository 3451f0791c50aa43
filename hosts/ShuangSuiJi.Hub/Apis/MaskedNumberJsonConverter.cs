using System.Text.Json;
using System.Text.Json.Serialization;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>
/// Writes ID and phone numbers masked, as their <c>ToString()</c> does, so the API never shows one whole
/// (DOMAIN.md: the national ID number is sensitive). The API is read-only, so reading is not supported.
/// </summary>
internal sealed class MaskedNumberJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert == typeof(IdNumber) || typeToConvert == typeof(PhoneNumber);

    public override System.Text.Json.Serialization.JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(IdNumber) ? new Masked<IdNumber>() : new Masked<PhoneNumber>();

    private sealed class Masked<T> : JsonConverter<T>
        where T : struct
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new JsonException($"{typeof(T).Name} is written masked and cannot be read back.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
