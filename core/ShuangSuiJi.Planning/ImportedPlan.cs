namespace ShuangSuiJi.Planning;

/// <summary>One department of an imported plan with the items it checks.</summary>
/// <param name="Name">As written in the sheet.</param>
/// <param name="Code">The resolved department code; <see langword="null"/> when unresolved (a finding says why).</param>
/// <param name="Items">Inspection items, as written.</param>
/// <param name="Ratio">A ratio written on the department's own row, applying to it alone.</param>
public sealed record ImportedDepartment(string Name, string? Code, IReadOnlyList<string> Items, decimal? Ratio);

/// <summary>
/// A plan line as imported. The JSON shape of <c>ssj plan import --json</c> (issue contract): number, field, name,
/// initiatingDepartment, departments[{name, items, ratio}], targetScope, ratio, frequencyPerYear, startMonth,
/// endMonth, methods; the resolved codes come as extra fields.
/// </summary>
public sealed record ImportedPlan
{
    public required int Number { get; init; }

    public required string Field { get; init; }

    public required string Name { get; init; }

    public required string InitiatingDepartment { get; init; }

    public string? InitiatingDepartmentCode { get; init; }

    public required IReadOnlyList<ImportedDepartment> Departments { get; init; }

    public required string TargetScope { get; init; }

    /// <summary>Share to draw, a fraction (0.05 = 5%).</summary>
    public required decimal? Ratio { get; init; }

    public required int? FrequencyPerYear { get; init; }

    public required int? StartMonth { get; init; }

    public required int? EndMonth { get; init; }

    public required IReadOnlyList<string> Methods { get; init; }

    /// <summary>First sheet row of the plan.</summary>
    public required int Row { get; init; }
}

/// <summary>The plans and every finding, refused or not.</summary>
public sealed record PlanImportResult(IReadOnlyList<ImportedPlan> Plans, IReadOnlyList<PlanFinding> Findings)
{
    public bool HasRefusals => Findings.Any(f => f.Refused);
}
