using System.ComponentModel;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Paging and filters every list endpoint accepts.</summary>
public sealed record PageQuery
{
    public const int DefaultPageSize = 50, MaxPageSize = 500;

    /// <summary>1-based page number.</summary>
    [Description("1-based page number. Default 1.")]
    public int? Page { get; init; }

    [Description("Rows per page, 1 to 500. Default 50.")]
    public int? PageSize { get; init; }

    [Description("Department code: the records of that department (for departments: it and its direct children).")]
    public string? Department { get; init; }

    [Description("Region code (6 digits): records in that region and everything inside it (360000 = the whole province).")]
    public string? Region { get; init; }

    [Description("Only records received or changed at or after this instant (ISO 8601, e.g. 2025-06-30T08:00:00+08:00).")]
    public DateTimeOffset? UpdatedSince { get; init; }

    internal int EffectivePage => Page ?? 1;

    internal int EffectivePageSize => PageSize ?? DefaultPageSize;

    /// <summary>Every problem with the query, keyed by parameter name, for a 400 validation problem.</summary>
    internal Dictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        if (EffectivePage < 1)
        {
            problems["page"] = [$"must be 1 or more, got {Page}"];
        }

        if (EffectivePageSize is < 1 or > MaxPageSize)
        {
            problems["pageSize"] = [$"must be between 1 and {MaxPageSize}, got {PageSize}"];
        }

        if (Region is not null && Core.Codes.RegionCode.Problem(Region) is { } region)
        {
            problems["region"] = [region];
        }

        return problems;
    }

    /// <summary>The prefix shared by codes inside <see cref="Region"/>, or <see langword="null"/> when not filtering.</summary>
    internal string? RegionPrefix => Region is null ? null : Core.Codes.RegionCode.ScopePrefix(Region);
}
