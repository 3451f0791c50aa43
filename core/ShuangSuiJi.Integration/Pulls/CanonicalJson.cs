using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ShuangSuiJi.Exchange.Events;

namespace ShuangSuiJi.Integration.Pulls;

/// <summary>A canonical record's JSON without its provenance: two versions compare equal when their content does.</summary>
public static class CanonicalJson
{
    public static string Content<T>(T record)
    {
        var node = JsonSerializer.SerializeToNode(record, EventJson.Options) as JsonObject ?? throw new JsonException($"A {typeof(T).Name} did not serialise to an object.");
        node.Remove("provenance");
        return node.ToJsonString(EventJson.Options);
    }

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
