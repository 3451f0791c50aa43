using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>
/// The target directory as the draw reads it: one column per field the rules need, rows in ascending credit-code
/// order (the canonical order of docs/draw-spec.md §4). Ten million targets take about 400 MB here, against
/// several GB as objects. Build it with <see cref="Build"/>; it is immutable afterwards.
/// </summary>
public sealed class TargetDirectory
{
    /// <summary>Grade code used for ungraded targets in <see cref="Grades"/>.</summary>
    internal const byte Ungraded = 0;

    internal UInt128[] Keys { get; }

    /// <summary>
    /// Per row, how far its code's value (the first 17 characters, docs/draw-spec.md §4.2) is above the previous
    /// row's, or <see cref="uint.MaxValue"/> where that does not fit (then read <see cref="Keys"/>): the eligible-list
    /// hash walks these 4 bytes a row instead of the 16-byte keys.
    /// </summary>
    internal uint[] ValueSteps { get; }

    private readonly int[] _gradeCounts;

    internal int[] Regions { get; }
    internal ushort[] Industries { get; }
    internal ulong[] TagMasks { get; }
    internal byte[] EntityTypes { get; }
    internal byte[] Statuses { get; }
    internal byte[] Grades { get; }

    /// <summary>Industry codes by the index used in <see cref="Industries"/>.</summary>
    internal IReadOnlyList<string> IndustryCodes { get; }

    /// <summary>Tags by bit position in <see cref="TagMasks"/> (at most 64 distinct tags).</summary>
    internal IReadOnlyList<string> TagNames { get; }

    private TargetDirectory(UInt128[] keys, int[] regions, ushort[] industries, ulong[] tagMasks, byte[] entityTypes, byte[] statuses, byte[] grades, IReadOnlyList<string> industryCodes, IReadOnlyList<string> tagNames)
    {
        Keys = keys;
        ValueSteps = new uint[keys.Length];
        for (var row = 0; row < keys.Length; row++)
        {
            var step = row == 0 ? UInt128.MaxValue : (keys[row] >> 5) - (keys[row - 1] >> 5);
            ValueSteps[row] = step < uint.MaxValue ? (uint)step : uint.MaxValue;
        }

        _gradeCounts = new int[5];
        foreach (var grade in grades)
        {
            _gradeCounts[grade]++;
        }

        Regions = regions;
        Industries = industries;
        TagMasks = tagMasks;
        EntityTypes = entityTypes;
        Statuses = statuses;
        Grades = grades;
        IndustryCodes = industryCodes;
        TagNames = tagNames;
    }

    /// <summary>Number of targets.</summary>
    public int Count => Keys.Length;

    /// <summary>
    /// Builds the directory from targets in any order (sorted here by credit code). Targets with invalid codes
    /// cannot be in the canonical store, so they are refused rather than skipped.
    /// </summary>
    /// <exception cref="ArgumentException">A target has an invalid or duplicate credit code, or more than 64 distinct tags exist.</exception>
    public static TargetDirectory Build(IEnumerable<Target> targets, int capacityHint = 0)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var keys = new List<UInt128>(capacityHint);
        var regions = new List<int>(capacityHint);
        var industries = new List<ushort>(capacityHint);
        var tags = new List<ulong>(capacityHint);
        var types = new List<byte>(capacityHint);
        var statuses = new List<byte>(capacityHint);
        var grades = new List<byte>(capacityHint);
        var industryIndex = new Dictionary<string, ushort>(StringComparer.Ordinal);
        var tagIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var t in targets)
        {
            keys.Add(CreditCodeKey.Pack(t.CreditCode));
            if (Core.Codes.Uscc.ComputeCheckCharacter(t.CreditCode.AsSpan(0, 17)) != t.CreditCode[17])
            {
                // The eligible-list hash leaves the check character out (docs/draw-spec.md §4.2), so it must be right.
                throw new ArgumentException($"Credit code {t.CreditCode} has a wrong check character; expected '{Core.Codes.Uscc.ComputeCheckCharacter(t.CreditCode.AsSpan(0, 17))}'.", nameof(targets));
            }

            regions.Add(int.Parse(t.RegionCode, System.Globalization.CultureInfo.InvariantCulture));
            if (!industryIndex.TryGetValue(t.IndustryCode, out var industry))
            {
                industry = checked((ushort)industryIndex.Count);
                industryIndex.Add(t.IndustryCode, industry);
            }

            industries.Add(industry);
            ulong mask = 0;
            foreach (var tag in t.Tags)
            {
                if (!tagIndex.TryGetValue(tag, out var bit))
                {
                    bit = tagIndex.Count;
                    if (bit >= 64)
                    {
                        throw new ArgumentException("The draw supports at most 64 distinct target tags.", nameof(targets));
                    }

                    tagIndex.Add(tag, bit);
                }

                mask |= 1UL << bit;
            }

            tags.Add(mask);
            types.Add(EntityTypeCode(t.EntityType));
            statuses.Add((byte)t.Status);
            grades.Add(t.RiskGrade is { } g ? (byte)g : Ungraded);
        }

        var order = keys.ToArray();
        var index = Enumerable.Range(0, order.Length).ToArray();
        Array.Sort(order, index);
        for (var i = 1; i < order.Length; i++)
        {
            if (order[i] == order[i - 1])
            {
                throw new ArgumentException($"Credit code {CreditCodeKey.Unpack(order[i])} appears twice in the directory.", nameof(targets));
            }
        }

        T[] Permute<T>(List<T> column)
        {
            var result = new T[index.Length];
            for (var i = 0; i < index.Length; i++)
            {
                result[i] = column[index[i]];
            }

            return result;
        }

        return new TargetDirectory(order, Permute(regions), Permute(industries), Permute(tags), Permute(types), Permute(statuses), Permute(grades),
            [.. industryIndex.OrderBy(p => p.Value).Select(p => p.Key)], [.. tagIndex.OrderBy(p => p.Value).Select(p => p.Key)]);
    }

    /// <summary>Row of <paramref name="creditCode"/>, or -1.</summary>
    public int IndexOf(string creditCode)
    {
        ArgumentNullException.ThrowIfNull(creditCode);
        if (!CreditCodeKey.TryPack(creditCode, out var key))
        {
            return -1;
        }

        var found = Array.BinarySearch(Keys, key);
        return found >= 0 ? found : -1;
    }

    /// <summary>How many targets carry <paramref name="grade"/> (<see langword="null"/>: ungraded).</summary>
    public int GradeCount(RiskGrade? grade) => _gradeCounts[grade is { } g ? (int)g : Ungraded];

    public string CreditCodeAt(int row) => CreditCodeKey.Unpack(Keys[row]);

    public RiskGrade? GradeAt(int row) => Grades[row] == Ungraded ? null : (RiskGrade)Grades[row];

    public RegistrationStatus StatusAt(int row) => (RegistrationStatus)Statuses[row];

    public string RegionAt(int row) => Regions[row].ToString("000000", System.Globalization.CultureInfo.InvariantCulture);

    public string IndustryAt(int row) => IndustryCodes[Industries[row]];

    public IReadOnlyList<string> TagsAt(int row) => [.. Enumerable.Range(0, TagNames.Count).Where(b => (TagMasks[row] & (1UL << b)) != 0).Select(b => TagNames[b])];

    public EntityType EntityTypeAt(int row) => EntityTypeFromCode(EntityTypes[row]);

    internal static byte EntityTypeCode(EntityType type) => type switch
    {
        EntityType.LimitedLiabilityCompany => 1,
        EntityType.JointStockCompany => 2,
        EntityType.NonCompanyEnterprise => 3,
        EntityType.SoleProprietorship => 4,
        EntityType.Partnership => 5,
        EntityType.IndividualBusiness => 6,
        EntityType.FarmersCooperative => 7,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown entity type."),
    };

    internal static EntityType EntityTypeFromCode(byte code) => code switch
    {
        1 => EntityType.LimitedLiabilityCompany,
        2 => EntityType.JointStockCompany,
        3 => EntityType.NonCompanyEnterprise,
        4 => EntityType.SoleProprietorship,
        5 => EntityType.Partnership,
        6 => EntityType.IndividualBusiness,
        _ => EntityType.FarmersCooperative,
    };
}
