using System.Text.Json;
using System.Text.Json.Nodes;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Integration.Pulls;

/// <summary>
/// A canonical record's JSON without its provenance: two versions compare equal when their content does (their
/// stored hash is the store's keyed <see cref="Storage.Protection.FieldCipher.ContentHash"/>).
/// </summary>
public static class CanonicalJson
{
    public static string Content<T>(T record)
    {
        var node = JsonSerializer.SerializeToNode(record, EventJson.Options) as JsonObject ?? throw new JsonException($"A {typeof(T).Name} did not serialise to an object.");
        node.Remove("provenance");
        return node.ToJsonString(EventJson.Options);
    }
}
