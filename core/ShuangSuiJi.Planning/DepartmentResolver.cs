using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Planning;

/// <summary>
/// Resolves department names as planners write them against the department directory: the usual abbreviations
/// (市场监管局 ≡ 市场监督管理局, 卫健局 ≡ 卫生健康局 ≡ 卫生健康委员会, 住建局, 应急局, 文旅局 …) and a missing or generic
/// place prefix (县市场监管局, 市场监管局) taken as the importing region. Never guesses between two candidates.
/// </summary>
public sealed class DepartmentResolver
{
    /// <summary>Line names and their abbreviations, longest first so the most specific wins.</summary>
    private static readonly (string Alias, string Line)[] Lines =
    [
        ("市场监督管理局", "市场监督管理局"), ("市场监管局", "市场监督管理局"), ("市监局", "市场监督管理局"),
        ("卫生健康委员会", "卫生健康"), ("卫生健康委", "卫生健康"), ("卫生健康局", "卫生健康"), ("卫健委", "卫生健康"), ("卫健局", "卫生健康"),
        ("住房和城乡建设局", "住房和城乡建设局"), ("住房城乡建设局", "住房和城乡建设局"), ("住建局", "住房和城乡建设局"),
        ("应急管理局", "应急管理局"), ("应急局", "应急管理局"),
        ("文化广电新闻出版旅游局", "文化旅游"), ("文化广电旅游局", "文化旅游"), ("文化和旅游局", "文化旅游"), ("文广新旅局", "文化旅游"), ("文旅局", "文化旅游"),
        ("公安局", "公安局"), ("税务局", "税务局"), ("民政局", "民政局"), ("气象局", "气象局"),
    ];

    private static readonly string[] GenericPrefixes = ["县", "区", "市", "本级", ""];

    private readonly List<(Department Department, string Place, string Line)> _entries = [];
    private readonly string? _regionCode;

    /// <param name="departments">The directory.</param>
    /// <param name="regionCode">The importing department's region: names without a place resolve inside it.</param>
    public DepartmentResolver(IEnumerable<Department> departments, string? regionCode)
    {
        ArgumentNullException.ThrowIfNull(departments);
        _regionCode = regionCode;
        foreach (var department in departments)
        {
            if (Split(department.Name) is { } split)
            {
                _entries.Add((department, split.Place, split.Line));
            }
        }
    }

    /// <summary>The department meant by <paramref name="name"/>, or why none can be chosen.</summary>
    public (Department? Department, string? Problem) Resolve(string name)
    {
        var text = (name ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("　", "", StringComparison.Ordinal);
        if (Split(text) is not { } split)
        {
            return (null, $"'{name}' names no known line department (市场监管局, 卫健局, 住建局, 应急局, 公安局, 税务局, 民政局, 文旅局, 气象局)");
        }

        var candidates = _entries.Where(e => e.Line == split.Line).ToList();
        if (GenericPrefixes.Contains(split.Place))
        {
            if (_regionCode is null)
            {
                return (null, $"'{name}' does not say which place; pass the importing region (--region)");
            }

            candidates = [.. candidates.Where(e => e.Department.RegionCode == _regionCode && e.Department.Level != DepartmentLevel.Township)];
        }
        else
        {
            candidates = [.. candidates.Where(e => e.Place == split.Place || e.Place.StartsWith(split.Place, StringComparison.Ordinal) || split.Place.EndsWith(e.Place, StringComparison.Ordinal))];
            if (candidates.Count > 1 && _regionCode is not null)
            {
                var local = candidates.Where(e => e.Department.RegionCode == _regionCode).ToList();
                candidates = local.Count > 0 ? local : candidates;
            }
        }

        return candidates.Count switch
        {
            1 => (candidates[0].Department, null),
            0 => (null, $"'{name}' matches no department in the directory"),
            _ => (null, $"'{name}' could be any of {string.Join(", ", candidates.Select(c => $"{c.Department.Name} ({c.Department.Code})"))}; not guessed"),
        };
    }

    private static (string Place, string Line)? Split(string name)
    {
        foreach (var (alias, line) in Lines)
        {
            if (name.EndsWith(alias, StringComparison.Ordinal))
            {
                return (name[..^alias.Length], line);
            }
        }

        return null;
    }
}
