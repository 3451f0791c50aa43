using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Calendar;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Planning;

/// <summary>
/// Turns imported plan lines into canonical plans and their scheduled tasks, and canonical plans back into sheet
/// lines. Items are matched by name against each department's own item list; a plan with an unresolved department
/// or item is not saved (a finding says which), never half-saved.
/// </summary>
public static class CanonicalPlans
{
    /// <summary>The canonical plan and tasks for <paramref name="plan"/>, or the reasons it cannot be saved.</summary>
    public static (Plan? Plan, IReadOnlyList<InspectionTask> Tasks, IReadOnlyList<PlanFinding> Findings) ToCanonical(
        ImportedPlan plan, int year, IReadOnlyDictionary<string, Department> departments, ILookup<string, InspectionItem> itemsByDepartment,
        WarningLightRule lights, DateOnly today, Provenance provenance)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(itemsByDepartment);
        ArgumentNullException.ThrowIfNull(lights);
        var findings = new List<PlanFinding>();
        if (plan.InitiatingDepartmentCode is not { } initiator || !departments.TryGetValue(initiator, out var initiatorDepartment))
        {
            findings.Add(new PlanFinding(plan.Row, "发起部门", plan.InitiatingDepartment, "not saved: the initiating department is unresolved", Refused: true));
            return (null, [], findings);
        }

        var participants = new List<PlanParticipant>();
        foreach (var department in plan.Departments)
        {
            if (department.Code is null)
            {
                findings.Add(new PlanFinding(plan.Row, "配合部门", department.Name, "not saved: the department is unresolved", Refused: true));
                continue;
            }

            var codes = new List<string>();
            foreach (var item in department.Items)
            {
                var match = itemsByDepartment[department.Code].FirstOrDefault(i => i.Name == item || i.Code == item);
                if (match is null)
                {
                    findings.Add(new PlanFinding(plan.Row, "具体抽查事项", item, $"not saved: '{item}' is not on the item list of {department.Code}", Refused: true));
                }
                else
                {
                    codes.Add(match.Code);
                }
            }

            var existing = participants.FindIndex(p => p.DepartmentCode == department.Code);
            if (existing >= 0)
            {
                participants[existing] = participants[existing] with { ItemCodes = [.. participants[existing].ItemCodes, .. codes] };
            }
            else
            {
                participants.Add(new PlanParticipant { DepartmentCode = department.Code, ItemCodes = codes });
            }
        }

        if (plan.Ratio is null || plan.FrequencyPerYear is null || plan.StartMonth is null || plan.EndMonth is null || plan.Methods.Count == 0)
        {
            findings.Add(new PlanFinding(plan.Row, "抽查比例及频率", "", "not saved: ratio, frequency, months and methods are all needed", Refused: true));
        }

        if (findings.Any(f => f.Refused))
        {
            return (null, [], findings);
        }

        var region = initiatorDepartment.RegionCode;
        var code = string.Create(CultureInfo.InvariantCulture, $"JH{year}-{region}-{plan.Number:000}");
        var canonical = new Plan
        {
            Code = code,
            Name = plan.Name,
            Year = year,
            InitiatingDepartmentCode = initiator,
            Participants = participants,
            TargetScope = plan.TargetScope,
            RatioPercent = plan.Ratio!.Value * 100m, // Checked above.
            Frequency = plan.FrequencyPerYear switch { 2 => PlanFrequency.TwicePerYear, 4 => PlanFrequency.Quarterly, _ => PlanFrequency.OncePerYear },
            StartMonth = plan.StartMonth!.Value,
            EndMonth = plan.EndMonth!.Value,
            Methods = [.. plan.Methods.Select(w => CheckMethods.Words.First(p => p.Value == w).Key)],
            ReviewState = ReviewState.Draft,
            Provenance = provenance,
        };

        var closeBy = initiatorDepartment.Level == DepartmentLevel.County ? new DateOnly(year, TaskWindows.CountyClose.Month, TaskWindows.CountyClose.Day) : (DateOnly?)null;
        var windows = TaskWindows.For(year, canonical.StartMonth, canonical.EndMonth, plan.FrequencyPerYear!.Value, closeBy);
        if (TaskWindows.PilesIntoFourthQuarter(windows))
        {
            findings.Add(new PlanFinding(plan.Row, "抽查时间", $"{canonical.StartMonth}-{canonical.EndMonth}月", "most of the checking days fall in the fourth quarter; spread them over the year"));
        }

        var tasks = windows.Select(w => new InspectionTask
        {
            TaskNumber = string.Create(CultureInfo.InvariantCulture, $"RW{year}-{region}-{plan.Number:00}{w.Sequence:00}"),
            PlanCode = code,
            Name = windows.Count == 1 ? plan.Name : string.Create(CultureInfo.InvariantCulture, $"{plan.Name}（第{w.Sequence}次）"),
            InitiatingDepartmentCode = initiator,
            CooperatingDepartmentCodes = [.. participants.Select(p => p.DepartmentCode).Where(c => c != initiator)],
            WindowStart = w.Start,
            WindowEnd = w.End,
            Status = today < w.Start ? InspectionTaskStatus.NotStarted : today <= w.End ? InspectionTaskStatus.InProgress : InspectionTaskStatus.Overdue,
            WarningLight = lights.Evaluate(w.End, done: false, today),
            Provenance = provenance,
        }).ToList();
        return (canonical with { WarningLight = tasks.Max(t => t.WarningLight) }, tasks, findings);
    }

    /// <summary>
    /// The store's plans chosen by <paramref name="plans"/> as sheet lines, in code order, each numbered by the tail of
    /// its code (JH2025-360121-003 → 3) so that an export imported again keeps its numbers.
    /// </summary>
    public static async Task<IReadOnlyList<ImportedPlan>> SheetLinesAsync(HubDbContext db, IQueryable<Plan> plans, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plans);
        var chosen = await plans.AsNoTracking().OrderBy(p => p.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(x => x.Code, cancellationToken).ConfigureAwait(false);
        var items = await db.InspectionItems.AsNoTracking().ToDictionaryAsync(x => x.Code, cancellationToken).ConfigureAwait(false);
        return [.. chosen.Select((p, i) => ToSheetLine(p,
            int.TryParse(p.Code.AsSpan(p.Code.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : i + 1,
            departments, items))];
    }

    /// <summary>A canonical plan as a sheet line, names looked up for codes.</summary>
    public static ImportedPlan ToSheetLine(Plan plan, int number, IReadOnlyDictionary<string, Department> departments, IReadOnlyDictionary<string, InspectionItem> items)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(departments);
        ArgumentNullException.ThrowIfNull(items);
        string Name(string code) => departments.TryGetValue(code, out var d) ? d.Name : code;
        return new ImportedPlan
        {
            Number = number,
            Field = plan.Participants.SelectMany(p => p.ItemCodes).Select(c => items.TryGetValue(c, out var i) ? i.Field : "").FirstOrDefault(f => f.Length > 0) ?? "",
            Name = plan.Name,
            InitiatingDepartment = Name(plan.InitiatingDepartmentCode),
            InitiatingDepartmentCode = plan.InitiatingDepartmentCode,
            Departments = [.. plan.Participants.Select(p => new ImportedDepartment(Name(p.DepartmentCode), p.DepartmentCode, [.. p.ItemCodes.Select(c => items.TryGetValue(c, out var i) ? i.Name : c)], null))],
            TargetScope = plan.TargetScope,
            Ratio = plan.RatioPercent / 100m,
            FrequencyPerYear = (int)plan.Frequency,
            StartMonth = plan.StartMonth,
            EndMonth = plan.EndMonth,
            Methods = [.. plan.Methods.Select(m => CheckMethods.Words[m])],
            Row = 0,
        };
    }
}
