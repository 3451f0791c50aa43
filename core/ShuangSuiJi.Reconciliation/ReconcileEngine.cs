namespace ShuangSuiJi.Reconciliation;

/// <summary>How a record stands between two systems.</summary>
public enum ItemClass
{
    Identical,
    Conflicting,
    MissingLeft,
    MissingRight,
    Invalid,
}

/// <summary>A field the two sides hold with different values (after normalisation); the raw values as each side has them.</summary>
public sealed record FieldDiff(string Field, string? Left, string? Right);

/// <summary>One key's outcome: its class, both versions (when present), the differing fields, or why it is invalid.</summary>
public sealed record Comparison(string Key, ItemClass Class, FlatRecord? Left, FlatRecord? Right, IReadOnlyList<FieldDiff> Diffs, string? Invalid);

/// <summary>
/// The comparison itself, free of storage: both sides are split into partitions by key hash, each partition sorted
/// by key and merged, partitions in parallel. A field is compared only where both sides hold a value (systems hold
/// different subsets of a kind); values compare equal when they are equal raw or after <see cref="Normalization.Value"/>.
/// A key that one side refused (its latest version was rejected) is <see cref="ItemClass.Invalid"/> whatever the other
/// side says.
/// </summary>
public static class ReconcileEngine
{
    public static List<Comparison> Compare(
        FieldSchema schema,
        IReadOnlyList<FlatRecord> left,
        IReadOnlyList<FlatRecord> right,
        IReadOnlyDictionary<string, string>? leftInvalid = null,
        IReadOnlyDictionary<string, string>? rightInvalid = null,
        int? parallelism = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        leftInvalid ??= new Dictionary<string, string>();
        rightInvalid ??= new Dictionary<string, string>();
        var degree = Math.Max(1, parallelism ?? Environment.ProcessorCount);
        var partitions = (left.Count + right.Count) < 10_000 ? 1 : degree * 8;
        var leftParts = Partition(left, partitions);
        var rightParts = Partition(right, partitions);
        var results = new List<Comparison>[partitions];
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = degree }, p =>
            results[p] = Merge(schema, leftParts[p], rightParts[p], leftInvalid, rightInvalid));

        var all = new List<Comparison>(Math.Max(left.Count, right.Count));
        foreach (var part in results)
        {
            all.AddRange(part);
        }

        // Keys refused on a side and held by neither side at all.
        var seen = new HashSet<string>(leftInvalid.Count + rightInvalid.Count, StringComparer.Ordinal);
        foreach (var c in all)
        {
            if (c.Class == ItemClass.Invalid)
            {
                seen.Add(c.Key);
            }
        }

        foreach (var key in leftInvalid.Keys.Concat(rightInvalid.Keys))
        {
            if (seen.Add(key))
            {
                all.Add(new Comparison(key, ItemClass.Invalid, null, null, [], InvalidText(key, leftInvalid, rightInvalid)));
            }
        }

        return all;
    }

    /// <summary>The fields the two versions hold with different values.</summary>
    public static IReadOnlyList<FieldDiff> Diff(FieldSchema schema, FlatRecord left, FlatRecord right)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        List<FieldDiff>? diffs = null;
        var slots = Math.Min(left.Slots, right.Slots);
        for (var slot = 0; slot < slots; slot++)
        {
            if (!left.Holds(slot) || !right.Holds(slot) || left.SameRaw(slot, right))
            {
                continue;
            }

            var l = left[slot];
            var r = right[slot];
            if (Normalization.SameValue(l, r))
            {
                continue;
            }

            (diffs ??= []).Add(new FieldDiff(schema.Name(slot), l, r));
        }

        return diffs ?? (IReadOnlyList<FieldDiff>)[];
    }

    private static (string[] Keys, FlatRecord[] Records)[] Partition(IReadOnlyList<FlatRecord> records, int partitions)
    {
        var counts = new int[partitions];
        var home = new int[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var p = partitions == 1 ? 0 : (int)((uint)StringComparer.Ordinal.GetHashCode(records[i].Key) % (uint)partitions);
            home[i] = p;
            counts[p]++;
        }

        var parts = new (string[] Keys, FlatRecord[] Records)[partitions];
        for (var p = 0; p < partitions; p++)
        {
            parts[p] = (new string[counts[p]], new FlatRecord[counts[p]]);
            counts[p] = 0;
        }

        for (var i = 0; i < records.Count; i++)
        {
            var p = home[i];
            var at = counts[p]++;
            parts[p].Keys[at] = records[i].Key;
            parts[p].Records[at] = records[i];
        }

        return parts;
    }

    private static List<Comparison> Merge(FieldSchema schema, (string[] Keys, FlatRecord[] Records) left, (string[] Keys, FlatRecord[] Records) right, IReadOnlyDictionary<string, string> leftInvalid, IReadOnlyDictionary<string, string> rightInvalid)
    {
        // Keys are unique per side (callers pick one version per key); should one repeat, one of its versions is used.
        Array.Sort(left.Keys, left.Records, StringComparer.Ordinal);
        Array.Sort(right.Keys, right.Records, StringComparer.Ordinal);
        var results = new List<Comparison>(Math.Max(left.Keys.Length, right.Keys.Length));
        int i = 0, j = 0;
        while (i < left.Keys.Length || j < right.Keys.Length)
        {
            var order = i == left.Keys.Length ? 1 : j == right.Keys.Length ? -1 : string.CompareOrdinal(left.Keys[i], right.Keys[j]);
            var l = order <= 0 ? Last(left, ref i) : null;
            var r = order >= 0 ? Last(right, ref j) : null;
            var key = (l ?? r)!.Key;
            if (leftInvalid.ContainsKey(key) || rightInvalid.ContainsKey(key))
            {
                results.Add(new Comparison(key, ItemClass.Invalid, l, r, [], InvalidText(key, leftInvalid, rightInvalid)));
            }
            else if (l is null)
            {
                results.Add(new Comparison(key, ItemClass.MissingLeft, null, r, [], null));
            }
            else if (r is null)
            {
                results.Add(new Comparison(key, ItemClass.MissingRight, l, null, [], null));
            }
            else
            {
                var diffs = Diff(schema, l, r);
                results.Add(new Comparison(key, diffs.Count == 0 ? ItemClass.Identical : ItemClass.Conflicting, l, r, diffs, null));
            }
        }

        return results;
    }

    private static FlatRecord Last((string[] Keys, FlatRecord[] Records) side, ref int at)
    {
        var record = side.Records[at];
        while (at + 1 < side.Keys.Length && string.Equals(side.Keys[at + 1], side.Keys[at], StringComparison.Ordinal))
        {
            at++;
            record = side.Records[at];
        }

        at++;
        return record;
    }

    private static string InvalidText(string key, IReadOnlyDictionary<string, string> leftInvalid, IReadOnlyDictionary<string, string> rightInvalid) =>
        string.Join("; ", new[] { leftInvalid.GetValueOrDefault(key) is { } l ? "left: " + l : null, rightInvalid.GetValueOrDefault(key) is { } r ? "right: " + r : null }.Where(s => s is not null));
}
