using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace ShuangSuiJi.Reconciliation;

/// <summary>The field names met so far, each with a slot; shared by both sides of a comparison and safe to grow from several threads.</summary>
public sealed class FieldSchema
{
    private readonly ConcurrentDictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(RecordShape Shape, int Slot), int> _resolved = new();
    private readonly ConcurrentDictionary<RecordShape, (byte[] Name, int Slot)[]> _orders = new();
    private readonly List<string> _names = [];
    private readonly Lock _gate = new();

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

    /// <summary>The slot of a UTF-8 property name, without allocating once the name is known.</summary>
    public int Slot(ReadOnlySpan<byte> utf8Name)
    {
        var lookup = _slots.GetAlternateLookup<ReadOnlySpan<char>>();
        if (utf8Name.Length <= 128)
        {
            Span<char> chars = stackalloc char[128];
            var length = Encoding.UTF8.GetChars(utf8Name, chars);
            if (lookup.TryGetValue(chars[..length], out var known))
            {
                return known;
            }
        }

        return Slot(Encoding.UTF8.GetString(utf8Name));
    }

    public string Name(int slot)
    {
        lock (_gate)
        {
            return _names[slot];
        }
    }

    /// <summary>
    /// The property order of the first record a shape read, with each name's resolved slot: records of one system
    /// share it, so a name is matched by a byte compare at its position instead of a lookup.
    /// </summary>
    internal (byte[] Name, int Slot)[] Order(RecordShape shape) => _orders.GetValueOrDefault(shape) ?? [];

    internal void RememberOrder(RecordShape shape, List<(byte[] Name, int Slot)> order) => _orders.TryAdd(shape, [.. order]);

    /// <summary>Where a shape puts a field it reads in <paramref name="slot"/>: the slot of its common name, or -1 when ignored.</summary>
    internal int Resolve(RecordShape shape, int slot) =>
        _resolved.GetOrAdd((shape, slot), static (k, schema) =>
        {
            var name = schema.Name(k.Slot);
            if (k.Shape.Renames.TryGetValue(name, out var renamed))
            {
                name = renamed;
            }

            return k.Shape.Ignored.Contains(name) ? -1 : schema.Slot(name);
        }, this);
}

/// <summary>
/// One system's version of one record: its normalised key, the key the system itself uses, its content hash, and
/// its top-level field values by schema slot — kept as slices of the record's UTF-8 JSON and decoded only when
/// needed (two values whose raw bytes are equal are equal without decoding).
/// </summary>
public sealed class FlatRecord
{
    private const int Plain = 1, Escaped = 2, Scalar = 3, Array = 4, Object = 5;

    private readonly byte[] _utf8;

    // Per slot: start, length, token kind; length 0 where the record holds no value.
    private readonly int[] _slices;

    internal FlatRecord(byte[] utf8, int[] slices)
    {
        _utf8 = utf8;
        _slices = slices;
    }

    public required string Key { get; init; }

    public required string RawKey { get; init; }

    public required string Hash { get; init; }

    public int Slots => _slices.Length / 3;

    public bool Holds(int slot) => slot < Slots && _slices[(slot * 3) + 1] > 0;

    /// <summary>The value as text (arrays of scalars as their sorted items joined by commas), or <see langword="null"/> where not held.</summary>
    public string? this[int slot] => Holds(slot) ? Decode(slot) : null;

    /// <summary>Whether both hold the slot with byte-identical JSON.</summary>
    public bool SameRaw(int slot, FlatRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Raw(slot).SequenceEqual(other.Raw(slot));
    }

    /// <summary>The record's fields by name, for display: national ID and phone numbers masked.</summary>
    public Dictionary<string, string> ToDictionary(FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < Slots; i++)
        {
            if (this[i] is { } value)
            {
                fields[schema.Name(i)] = Core.Codes.SensitiveText.Mask(value);
            }
        }

        return fields;
    }

    private ReadOnlySpan<byte> Raw(int slot) => Holds(slot) ? _utf8.AsSpan(_slices[slot * 3], _slices[(slot * 3) + 1]) : default;

    private string? Decode(int slot)
    {
        var raw = Raw(slot);
        switch (_slices[(slot * 3) + 2])
        {
            case Plain:
            case Scalar:
                return Encoding.UTF8.GetString(raw);
            case Escaped:
                return JsonSerializer.Deserialize<string>(raw);
            case Array:
                using (var document = JsonDocument.Parse(_utf8.AsMemory(_slices[slot * 3], _slices[(slot * 3) + 1])))
                {
                    var items = document.RootElement;
                    if (items.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number))
                    {
                        var texts = items.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()).ToList();
                        texts.Sort(StringComparer.Ordinal);
                        return string.Join(',', texts);
                    }

                    return items.GetRawText();
                }

            default:
                using (var document = JsonDocument.Parse(_utf8.AsMemory(_slices[slot * 3], _slices[(slot * 3) + 1])))
                {
                    // A wrapped scalar ({"value":"…"}, as sensitive numbers serialise) is its scalar.
                    var root = document.RootElement;
                    return root.EnumerateObject().Count() == 1 && root.TryGetProperty("value", out var inner) && inner.ValueKind == JsonValueKind.String
                        ? inner.GetString()
                        : root.GetRawText();
                }
        }
    }

    internal static FlatRecord? Read(string json, string rawKey, string hash, RecordShape shape, FieldSchema schema)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var slices = ArrayPool<int>.Shared.Rent(96);
        var used = 0;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("A record is not a JSON object.");
            }

            var order = schema.Order(shape);
            var learned = order.Length == 0 ? new List<(byte[] Name, int Slot)>() : null;
            var position = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int slot;
                if (position < order.Length && !reader.ValueIsEscaped && reader.ValueSpan.SequenceEqual(order[position].Name))
                {
                    slot = order[position].Slot;
                }
                else
                {
                    slot = schema.Resolve(shape, reader.ValueIsEscaped ? schema.Slot(reader.GetString()!) : schema.Slot(reader.ValueSpan));
                    if (learned is not null && !reader.ValueIsEscaped)
                    {
                        learned.Add((reader.ValueSpan.ToArray(), slot));
                    }
                }

                position++;
                reader.Read();
                int start, length, kind;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        start = (int)reader.TokenStartIndex;
                        length = reader.ValueSpan.Length;
                        kind = reader.ValueIsEscaped ? Escaped : Plain;
                        if (kind == Plain)
                        {
                            start++; // the slice is the text between the quotes
                        }
                        else
                        {
                            length = (int)reader.BytesConsumed - start; // the quoted token, unescaped when read
                        }

                        break;
                    case JsonTokenType.Number:
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        start = (int)reader.TokenStartIndex;
                        length = reader.ValueSpan.Length;
                        kind = Scalar;
                        break;
                    case JsonTokenType.StartArray:
                    case JsonTokenType.StartObject:
                        start = (int)reader.TokenStartIndex;
                        kind = reader.TokenType == JsonTokenType.StartArray ? Array : Object;
                        reader.Skip();
                        length = (int)reader.BytesConsumed - start;
                        if (length <= 2 || (kind == Array && utf8.AsSpan(start, length).IndexOfAnyExcept("[] \t\r\n"u8) < 0))
                        {
                            continue; // an empty array: not held
                        }

                        break;
                    default:
                        continue; // null: not held
                }

                if (slot < 0 || length == 0)
                {
                    continue; // ignored, or an empty string
                }

                if ((slot * 3) + 3 > slices.Length)
                {
                    var larger = ArrayPool<int>.Shared.Rent((slot * 3) + 48);
                    slices.AsSpan(0, used).CopyTo(larger);
                    ArrayPool<int>.Shared.Return(slices);
                    slices = larger;
                }

                if ((slot * 3) + 3 > used)
                {
                    slices.AsSpan(used, (slot * 3) + 3 - used).Clear();
                    used = (slot * 3) + 3;
                }

                slices[slot * 3] = start;
                slices[(slot * 3) + 1] = length;
                slices[(slot * 3) + 2] = kind;
            }

            if (learned is not null)
            {
                schema.RememberOrder(shape, learned);
            }

            var record = new FlatRecord(utf8, slices.AsSpan(0, used).ToArray()) { Key = "", RawKey = rawKey, Hash = hash };
            var key = shape.KeyOf(record, schema);
            return key.Length == 0 ? null : new FlatRecord(utf8, record._slices) { Key = Normalization.Key(key), RawKey = rawKey, Hash = hash };
        }
        finally
        {
            ArrayPool<int>.Shared.Return(slices);
        }
    }
}

/// <summary>How one system's JSON becomes a <see cref="FlatRecord"/>: which fields make the key, which are renamed to the kind's common names, which are never compared.</summary>
public sealed class RecordShape
{
    public required IReadOnlyList<string> KeyFields { get; init; }

    public IReadOnlyDictionary<string, string> Renames { get; init; } = new Dictionary<string, string>();

    public IReadOnlySet<string> Ignored { get; init; } = new HashSet<string>();

    /// <summary>
    /// Flattens canonical JSON (camelCase, as <c>CanonicalJson</c> writes it): top-level fields by slot. Nulls, empty
    /// strings and empty arrays count as "not held". Returns <see langword="null"/> when the key is empty.
    /// </summary>
    public FlatRecord? Flatten(string json, string rawKey, string hash, FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(schema);
        return FlatRecord.Read(json, rawKey, hash, this, schema);
    }

    /// <summary>Flattens many records on every core; records without a key are left out. Order is kept.</summary>
    public List<FlatRecord> FlattenAll(IReadOnlyList<(string Json, string RawKey, string Hash)> rows, FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var flat = new FlatRecord?[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var (json, rawKey, hash) = rows[i];
            flat[i] = Flatten(json, rawKey, hash, schema);
        });
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

    internal string KeyOf(FlatRecord record, FieldSchema schema)
    {
        if (KeyFields.Count == 1)
        {
            return record[schema.Slot(KeyFields[0])] ?? "";
        }

        var parts = new string[KeyFields.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = record[schema.Slot(KeyFields[i])];
            if (string.IsNullOrEmpty(part))
            {
                return "";
            }

            parts[i] = part;
        }

        return string.Join('|', parts);
    }
}
