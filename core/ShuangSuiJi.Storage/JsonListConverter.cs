using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ShuangSuiJi.Storage;

/// <summary>
/// Stores a list as one JSON text column, the same on every provider, so the three schemas stay alike and
/// the lists (tags, expertise, recusal scope, plan participants) round-trip exactly.
/// </summary>
internal sealed class JsonListConverter<T>() : ValueConverter<IReadOnlyList<T>, string>(
    list => JsonSerializer.Serialize(list, Options),
    json => JsonSerializer.Deserialize<List<T>>(json, Options) ?? new List<T>())
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // Chinese text stays readable in the column rather than \u-escaped.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly ValueComparer<IReadOnlyList<T>> Comparer = new(
        (a, b) => (a == null && b == null) || (a != null && b != null && a.SequenceEqual(b)),
        list => list.Aggregate(17, (hash, item) => HashCode.Combine(hash, item)),
        list => list.ToList());
}
