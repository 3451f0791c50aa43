using System.Globalization;
using System.Text;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Generation;

/// <summary>
/// Generates a realistic province (Jiangxi, 360000) deterministically: the same <see cref="GeneratorOptions"/>
/// give the same records. Targets stream: <see cref="Targets"/> yields one at a time and keeps none, and
/// <see cref="TargetAt"/> rebuilds any single one, so 10,000,000 targets never sit in memory together.
/// </summary>
public sealed partial class ProvinceGenerator
{
    /// <summary>The exchange name stamped on generated records' provenance.</summary>
    public const string ExchangeName = "seed";

    private const ulong TargetStream = 1, InspectorStream = 2, UserStream = 3, PlanStream = 4, ResultStream = 5;

    /// <summary>Results per generated task per department; enough for every API to show something.</summary>
    private const int TargetsPerSampleTask = 5;

    private readonly GeneratorOptions _options;
    private readonly Provenance _provenance;
    private readonly IReadOnlyList<GeneratedDepartment> _departments;
    private readonly int _countyCount = Jiangxi.AllCounties.Count;

    /// <param name="options">What to generate.</param>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    public ProvinceGenerator(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _provenance = new Provenance(Provenance.Hub, ExchangeName, options.Stamp);
        _departments = BuildDepartments();
    }

    public GeneratorOptions Options => _options;

    /// <summary>Number of targets <see cref="Targets"/> yields.</summary>
    public long TargetCount => _options.TargetCount;

    /// <summary>Every department: province, city and county departments of each line, and market-supervision stations in townships.</summary>
    public IReadOnlyList<Department> Departments() => [.. _departments.Select(d => d.Department)];

    /// <summary>Streams the targets in index order.</summary>
    public IEnumerable<Target> Targets()
    {
        for (long i = 0; i < _options.TargetCount; i++)
        {
            yield return TargetAt(i);
        }
    }

    /// <summary>The target with the given index, built on its own.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside 0..TargetCount-1.</exception>
    public Target TargetAt(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _options.TargetCount);

        var rng = SplitMix64.For(_options.Seed, TargetStream, index);
        var (city, county) = Jiangxi.AllCounties[(int)(index % _countyCount)];
        var type = Vocabulary.EntityTypes[rng.Weighted(Vocabulary.EntityTypeWeights)].Type;
        var industry = type == EntityType.FarmersCooperative
            ? Vocabulary.Industries[rng.Percent(60) ? 25 : 26]
            : Vocabulary.Industries[rng.Weighted(Vocabulary.IndustryWeights)];
        var trade = rng.Pick(Vocabulary.TradeNames);
        var person = PersonName(ref rng);
        var place = county.Name.Length > 2 ? county.Name[..^1] : county.Name;
        var name = type switch
        {
            EntityType.IndividualBusiness => $"{place}{trade}{industry.Word}",
            EntityType.FarmersCooperative => $"{place}{trade}{industry.Word}专业合作社",
            EntityType.JointStockCompany => $"江西{trade}{industry.Word}股份有限公司",
            EntityType.SoleProprietorship => $"{city.Name[..^1]}{trade}{industry.Word}（个人独资）",
            EntityType.Partnership => $"{city.Name[..^1]}{trade}{industry.Word}（有限合伙）",
            EntityType.NonCompanyEnterprise => $"{city.Name}{trade}{industry.Word}厂",
            _ => $"{city.Name[..^1]}{trade}{industry.Word}有限公司",
        };

        // A few names carry the spaces and ASCII brackets real registrations have; kept as is, normalised only to match.
        if (rng.Percent(2))
        {
            name = name.Replace('（', '(').Replace('）', ')') + " ";
        }

        var tags = new List<string>(2);
        if (industry.Tag is { } tag)
        {
            tags.Add(tag);
        }

        if (rng.Percent(8))
        {
            tags.Add(rng.Pick(Vocabulary.ExtraTags));
        }

        var grade = Vocabulary.Grades[rng.Weighted(Vocabulary.GradeWeights)].Grade;
        var status = Vocabulary.Statuses[rng.Weighted(Vocabulary.StatusWeights)].Status;
        var established = _options.AsOf.AddDays(-rng.Below(365 * 30));
        if (established.Year >= 2024 && grade is not null && rng.Percent(50))
        {
            grade = null; // Newly registered entities are often not graded yet.
        }

        return new Target
        {
            CreditCode = TargetCreditCode(index, county.Code, type),
            Name = name,
            EntityType = type,
            LegalRepresentative = person,
            Address = $"{Jiangxi.ProvinceName}{city.Name}{county.Name}{rng.Pick(Vocabulary.Roads)}{1 + rng.Below(999)}号",
            RegionCode = county.Code,
            RegistrationAuthorityCode = DepartmentCode(county.Code, "SCJG"),
            EstablishedOn = established,
            Status = status,
            IndustryCode = industry.Code,
            Tags = tags,
            RiskGrade = grade,
            Provenance = _provenance,
        };
    }

    /// <summary>
    /// The credit code of target <paramref name="index"/>: registration authority 9 (market regulation), a type
    /// character, the county, then an organisation code "MA" + 7 characters that encode the index through a
    /// bijection of 0..31^7-1, so codes are unique and look scattered, then the check character.
    /// </summary>
    private static string TargetCreditCode(long index, string regionCode, EntityType type)
    {
        var kind = type switch
        {
            EntityType.IndividualBusiness => '2',
            EntityType.FarmersCooperative => '3',
            _ => '1',
        };
        Span<char> code = stackalloc char[18];
        code[0] = '9';
        code[1] = kind;
        regionCode.AsSpan().CopyTo(code[2..]);
        code[8] = 'M';
        code[9] = 'A';
        WriteBase31(Scramble(index), code.Slice(10, 7));
        code[17] = Uscc.ComputeCheckCharacter(code);
        return new string(code);
    }

    private const long Base31Pow7 = 27_512_614_111L;

    /// <summary>x → (a·x + b) mod 31^7 with a coprime to 31: a bijection, so distinct indices give distinct codes.</summary>
    private static long Scramble(long index) => (long)((((UInt128)(ulong)index * 1_000_000_007UL) + 123_456_789UL) % (ulong)Base31Pow7);

    private static void WriteBase31(long value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Uscc.Alphabet[(int)(value % 31)];
            value /= 31;
        }
    }

    private static string DepartmentCode(string regionCode, string suffix) => $"{regionCode}-{suffix}";

    private static string PersonName(ref SplitMix64 rng)
    {
        var builder = new StringBuilder(3);
        builder.Append(rng.Pick(Vocabulary.Surnames)).Append(rng.Pick(Vocabulary.GivenNameChars));
        if (rng.Percent(70))
        {
            builder.Append(rng.Pick(Vocabulary.GivenNameChars));
        }

        return builder.ToString();
    }

    private static string Digits(ref SplitMix64 rng, int count)
    {
        var builder = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            builder.Append((char)('0' + rng.Below(10)));
        }

        return builder.ToString();
    }

    /// <summary>A national ID number with a correct ISO 7064 MOD 11-2 check character.</summary>
    private static IdNumber IdNumberFor(ref SplitMix64 rng, string regionCode, DateOnly asOf)
    {
        var birth = asOf.AddYears(-24).AddDays(-rng.Below(365 * 35));
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{regionCode}{birth:yyyyMMdd}{rng.Below(1000):000}");
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * weights[i];
        }

        return new IdNumber(first17 + "10X98765432"[sum % 11]);
    }
}
