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
    private readonly ConcurrentDictionary<RecordShape, int[]> _keySlots = new();
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

    /// <summary>The slots of a shape's key fields, in key order.</summary>
    internal int[] KeySlots(RecordShape shape) => _keySlots.GetOrAdd(shape, static (s, schema) => [.. s.KeyFields.Select(schema.Slot)], this);

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
/// One system's version of one record: its normalised key, the key the system itself uses, its content hash, and per
/// schema slot a 64-bit hash of the field's raw JSON. Two values with equal raw hashes are taken as equal; values are
/// decoded from the record's JSON (kept by reference, never copied) only where the hashes differ or for display, so a
/// million records cost a few hundred bytes each.
/// </summary>
public sealed class FlatRecord
{
    private readonly string _json;
    private readonly RecordShape _shape;
    private readonly FieldSchema _schema;

    // Per slot: a hash of the raw JSON value; 0 where the record holds no value.
    private readonly ulong[] _hashes;

    // The values, decoded on first use (conflicts and views only).
    private string?[]? _values;

    private FlatRecord(string json, RecordShape shape, FieldSchema schema, ulong[] hashes)
    {
        _json = json;
        _shape = shape;
        _schema = schema;
        _hashes = hashes;
    }

    public required string Key { get; init; }

    public required string RawKey { get; init; }

    public required string Hash { get; init; }

    public int Slots => _hashes.Length;

    public bool Holds(int slot) => slot < _hashes.Length && _hashes[slot] != 0;

    /// <summary>The value as text (arrays of scalars as their sorted items joined by commas), or <see langword="null"/> where not held.</summary>
    public string? this[int slot] => Holds(slot) ? (_values ??= DecodeAll())[slot] : null;

    /// <summary>Whether both hold the slot with the same raw JSON (by its 64-bit hash).</summary>
    public bool SameRaw(int slot, FlatRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return slot < _hashes.Length && slot < other._hashes.Length && _hashes[slot] == other._hashes[slot];
    }

    /// <summary>The record's fields by name, for display: national ID and phone numbers masked.</summary>
    public Dictionary<string, string> ToDictionary(FieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = _values ??= DecodeAll();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value)
            {
                fields[schema.Name(i)] = Core.Codes.SensitiveText.Mask(value);
            }
        }

        return fields;
    }

    /// <summary>Every held value, decoded from the JSON in one pass.</summary>
    private string?[] DecodeAll()
    {
        var values = new string?[_hashes.Length];
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(_json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(_json, buffer);
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length));
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var slot = _schema.Resolve(_shape, reader.ValueIsEscaped ? _schema.Slot(reader.GetString()!) : _schema.Slot(reader.ValueSpan));
                reader.Read();
                var value = DecodeValue(ref reader);
                if (slot >= 0 && slot < values.Length && _hashes[slot] != 0)
                {
                    values[slot] = value;
                }
            }

            return values;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? DecodeValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.StartArray:
                using (var document = JsonDocument.ParseValue(ref reader))
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

            case JsonTokenType.StartObject:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    // A wrapped scalar ({"value":"…"}, as sensitive numbers serialise) is its scalar.
                    var root = document.RootElement;
                    return root.EnumerateObject().Count() == 1 && root.TryGetProperty("value", out var inner) && inner.ValueKind == JsonValueKind.String
                        ? inner.GetString()
                        : root.GetRawText();
                }

            default:
                return null;
        }
    }

    internal static FlatRecord? Read(string json, string rawKey, string hash, RecordShape shape, FieldSchema schema)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        var hashes = ArrayPool<ulong>.Shared.Rent(64);
        hashes.AsSpan().Clear();
        var keySlots = schema.KeySlots(shape);
        var keyParts = new string?[keySlots.Length];
        var used = 0;
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            var utf8 = buffer.AsSpan(0, length);
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
                var start = (int)reader.TokenStartIndex;
                var key = Array.IndexOf(keySlots, slot);
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        if (reader.ValueSpan.Length == 0)
                        {
                            continue; // an empty string: not held
                        }

                        if (key >= 0)
                        {
                            keyParts[key] = reader.GetString();
                        }

                        break;
                    case JsonTokenType.Number:
                    case JsonTokenType.True:
                    case JsonTokenType.False:
                        if (key >= 0)
                        {
                            keyParts[key] = Encoding.UTF8.GetString(reader.ValueSpan);
                        }

                        break;
                    case JsonTokenType.StartArray:
                    case JsonTokenType.StartObject:
                        reader.Skip();
                        if ((int)reader.BytesConsumed - start <= 2 || utf8[start..(int)reader.BytesConsumed].IndexOfAnyExcept("[] \t\r\n"u8) < 0)
                        {
                            continue; // an empty array or object: not held
                        }

                        break;
                    default:
                        continue; // null: not held
                }

                if (slot < 0)
                {
                    continue; // ignored
                }

                if (slot >= hashes.Length)
                {
                    var larger = ArrayPool<ulong>.Shared.Rent(slot + 16);
                    larger.AsSpan().Clear();
                    hashes.AsSpan(0, used).CopyTo(larger);
                    ArrayPool<ulong>.Shared.Return(hashes);
                    hashes = larger;
                }

                hashes[slot] = Hash64(utf8[start..(int)reader.BytesConsumed]);
                used = Math.Max(used, slot + 1);
            }

            if (learned is not null)
            {
                schema.RememberOrder(shape, learned);
            }

            var natural = keyParts.Length == 1 ? keyParts[0] ?? "" : keyParts.Any(string.IsNullOrEmpty) ? "" : string.Join('|', keyParts);
            return natural.Length == 0 ? null : new FlatRecord(json, shape, schema, hashes.AsSpan(0, used).ToArray()) { Key = Normalization.Key(natural), RawKey = rawKey, Hash = hash };
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<ulong>.Shared.Return(hashes);
        }
    }

    /// <summary>A 64-bit hash of a raw value (MurmurHash3's mixing, 8 bytes at a time); never 0, which means "not held".</summary>
    private static ulong Hash64(ReadOnlySpan<byte> data)
    {
        const ulong C1 = 0x87C37B91114253D5, C2 = 0x4CF5AD432745937F;
        var h = 0x9E3779B97F4A7C15UL ^ (ulong)data.Length;
        while (data.Length >= 8)
        {
            var k = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(data);
            k *= C1;
            k = System.Numerics.BitOperations.RotateLeft(k, 31);
            k *= C2;
            h ^= k;
            h = (System.Numerics.BitOperations.RotateLeft(h, 27) * 5) + 0x52DCE729;
            data = data[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < data.Length; i++)
        {
            tail |= (ulong)data[i] << (8 * i);
        }

        tail *= C1;
        tail = System.Numerics.BitOperations.RotateLeft(tail, 31);
        tail *= C2;
        h ^= tail;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        h ^= h >> 33;
        return h == 0 ? 1 : h;
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
}
