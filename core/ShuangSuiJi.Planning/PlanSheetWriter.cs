using System.Globalization;
using MiniExcelLibs;

namespace ShuangSuiJi.Planning;

/// <summary>
/// Writes plans back in the layout counties use (DOMAIN.md): one row per department and item, the plan's cells on
/// its first row only, so a planner can export, edit and import again.
/// </summary>
public static class PlanSheetWriter
{
    public static readonly string[] Headers = ["序号", "抽查领域", "计划名称", "发起部门", "配合部门", "具体抽查事项", "抽查对象范围", "抽查比例及频率", "抽查时间", "抽查方式"];

    /// <summary>The rows of the sheet, header first.</summary>
    public static IReadOnlyList<string[]> Rows(IEnumerable<ImportedPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var rows = new List<string[]> { Headers };
        foreach (var plan in plans)
        {
            var first = true;
            foreach (var department in plan.Departments)
            {
                var items = department.Items.Count > 0 ? department.Items : [""];
                var firstOfDepartment = true;
                foreach (var item in items)
                {
                    var ownRatio = firstOfDepartment && !first && department.Ratio is { } r ? RatioCell(r, plan.FrequencyPerYear) : "";
                    rows.Add(first
                        ? [plan.Number.ToString(CultureInfo.InvariantCulture), plan.Field, plan.Name, plan.InitiatingDepartment, department.Name, item, plan.TargetScope,
                            plan.Ratio is { } ratio ? RatioCell(ratio, plan.FrequencyPerYear) : Frequency(plan.FrequencyPerYear), Months(plan), string.Join(" ", plan.Methods)]
                        : ["", "", "", "", firstOfDepartment ? department.Name : "", item, "", ownRatio, "", ""]);
                    first = false;
                    firstOfDepartment = false;
                }
            }
        }

        return rows;
    }

    /// <summary>Writes the sheet as .xlsx.</summary>
    public static void WriteXlsx(string path, IEnumerable<ImportedPlan> plans) =>
        MiniExcel.SaveAs(path, Cells(plans), printHeader: false, overwriteFile: true);

    /// <summary>Writes the sheet as .xlsx to a stream.</summary>
    public static void WriteXlsx(Stream output, IEnumerable<ImportedPlan> plans) =>
        output.SaveAs(Cells(plans), printHeader: false);

    private static List<Dictionary<string, object>> Cells(IEnumerable<ImportedPlan> plans) =>
        [.. Rows(plans).Select(r => Enumerable.Range(0, Headers.Length).ToDictionary(i => ((char)('A' + i)).ToString(), i => (object)r[i]))];

    private static string RatioCell(decimal ratio, int? perYear) =>
        string.Create(CultureInfo.InvariantCulture, $"{ratio * 100:0.##}%:{Frequency(perYear)}");

    private static string Frequency(int? perYear) => perYear switch
    {
        4 => "一季度一次",
        { } n => string.Create(CultureInfo.InvariantCulture, $"{n}次/年"),
        null => "",
    };

    private static string Months(ImportedPlan plan) =>
        plan is { StartMonth: 1, EndMonth: 12 } ? "全年"
        : plan.StartMonth is { } s && plan.EndMonth is { } e ? string.Create(CultureInfo.InvariantCulture, $"{s}-{e}月") : "";
}
