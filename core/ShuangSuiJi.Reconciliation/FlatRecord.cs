using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace ShuangSuiJi.Reconciliation;

/// <summary>The field names met so far, each with a slot in <see cref="FlatRecord.Values"/>; shared by both sides of a comparison and safe to grow from several threads.</summary>
public sealed class FieldSchema
{
    private readonly ConcurrentDictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _names.Count;
            }
        }
    }

    public int Slot(string name)
    {
        if (_slots.TryGetValue(name, out var slot))
        {
            return slot;
        }

        lock (_gate)
        {
            if (_slots.TryGetValue(name, out slot))
            {
                return slot;
            }

            _names.Add(name);
            _slots[name] = _names.Count - 1;
            return _names.Count - 1;
        }
    }

    public string Name(int slot)
    {
        lock (_gate)
        {
            return _names[slot];
        }
    }
}

/// <summary>
/// One system's version of one record, flattened: its normalised key, the key the system itself uses, its content
/// hash, and its top-level field values by schema slot (<see langword="null"/> where the system holds no value).
/// </summary>
public sealed class FlatRecord
{
    public required string Key { get; init; }

    public required string RawKey { get; init; }

    public required string Hash { get; init; }

    public required string?[] Values { get; init; }

    public string? this[int slot] => slot < Values.Length ? Values[slot] : null;

    /// <summary>The record's fields by name, for display: national ID and phone numbers masked.</summary>
    public Dictionary<string, string> ToDictionary(FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Values.Length; i++)
        {
            if (Values[i] is { } value)
            {
                fields[schema.Name(i)] = Core.Codes.SensitiveText.Mask(value);
            }
        }

        return fields;
    }
}

/// <summary>How one system's JSON becomes a <see cref="FlatRecord"/>: which fields make the key, which are renamed to the kind's common names, which are never compared.</summary>
public sealed class RecordShape
{
    public required IReadOnlyList<string> KeyFields { get; init; }

    public IReadOnlyDictionary<string, string> Renames { get; init; } = new Dictionary<string, string>();

    public IReadOnlySet<string> Ignored { get; init; } = new HashSet<string>();

    /// <summary>
    /// Flattens canonical JSON (camelCase, as <c>CanonicalJson</c> writes it). Top-level strings, numbers and booleans
    /// keep their text; arrays of scalars become their sorted items joined by commas; nested objects keep their JSON.
    /// Nulls, empty strings and empty arrays count as "not held". Returns <see langword="null"/> when the key is empty.
    /// </summary>
    public FlatRecord? Flatten(string json, string rawKey, string hash, FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(schema);
        var values = new string?[Math.Max(schema.Count, 16)];
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A record is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (Renames.TryGetValue(name, out var renamed))
            {
                name = renamed;
            }

            reader.Read();
            if (Ignored.Contains(name))
            {
                reader.Skip();
                continue;
            }

            var value = ReadValue(ref reader);
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var slot = schema.Slot(name);
            if (slot >= values.Length)
            {
                Array.Resize(ref values, Math.Max(slot + 1, values.Length * 2));
            }

            values[slot] = value;
        }

        var key = KeyOf(values, schema);
        return key.Length == 0 ? null : new FlatRecord { Key = Normalization.Key(key), RawKey = rawKey, Hash = hash, Values = values };
    }

    /// <summary>Flattens many records on every core; records without a key are left out. Order is kept.</summary>
    public List<FlatRecord> FlattenAll(IReadOnlyList<(string Json, string RawKey, string Hash)> rows, FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var flat = new FlatRecord?[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => 0, (i, _, local) =>
        {
            var (json, rawKey, hash) = rows[i];
            flat[i] = Flatten(json, rawKey, hash, schema);
            return local;
        }, _ => { });
        var records = new List<FlatRecord>(rows.Count);
        foreach (var record in flat)
        {
            if (record is not null)
            {
                records.Add(record);
            }
        }

        return records;
    }

    private string KeyOf(string?[] values, FieldSchema schema)
    {
        if (KeyFields.Count == 1)
        {
            var slot = schema.Slot(KeyFields[0]);
            return slot < values.Length ? values[slot] ?? "" : "";
        }

        var parts = new string[KeyFields.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var slot = schema.Slot(KeyFields[i]);
            var part = slot < values.Length ? values[slot] : null;
            if (string.IsNullOrEmpty(part))
            {
                return "";
            }

            parts[i] = part;
        }

        return string.Join('|', parts);
    }

    private static string? ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.StartArray:
                return ReadArray(ref reader);
            case JsonTokenType.StartObject:
                using (var element = JsonDocument.ParseValue(ref reader))
                {
                    // A wrapped scalar ({"value":"…"}, as sensitive numbers serialise) is its scalar.
                    var root = element.RootElement;
                    return root.EnumerateObject().Count() == 1 && root.TryGetProperty("value", out var inner) && inner.ValueKind == JsonValueKind.String
                        ? inner.GetString()
                        : root.GetRawText();
                }

            default:
                return null;
        }
    }

    private static string? ReadArray(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var items = document.RootElement;
        if (items.GetArrayLength() == 0)
        {
            return null;
        }

        if (items.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number))
        {
            var texts = items.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList();
            texts.Sort(StringComparer.Ordinal);
            return string.Join(',', texts);
        }

        return items.GetRawText();
    }
}
