using System.Text;
using System.Text.Json;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Cli.Tests;

public sealed class PlanCommandTests
{
    private const string Sheet = """
        序号,抽查领域,计划名称,发起部门,配合部门,具体抽查事项,抽查对象范围,抽查比例及频率,抽查时间,抽查方式
        3,药品零售,2025年县市场监管局与县卫生健康局关于药品零售企业联合抽查,县市场监管局,县市场监管局,药品经营质量管理规范执行情况,药品零售企业,10%：1次/年,5-10月,现场检查
        ,,,,县卫生健康局,从业人员健康证明检查,,,,
        4,计量器具,2025年县市场监管局关于集贸市场计量器具抽查,县市场监管局,县发改委,强制检定计量器具使用情况,集贸市场经营户,3%;2次/年,4-11月,现场检查 中面检查
        """;

    [Fact]
    public async Task Import_Json_HasTheStableShape_AndExits1ForTheRefusedDepartment()
    {
        await using var store = TestStore.Sqlite();
        await Ssj.RunAsync("db", "seed", "--targets", "100", "--data-dir", store.Options.DataDirectory);
        var file = Path.Combine(store.Options.DataDirectory, "plan.csv");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await File.WriteAllBytesAsync(file, Encoding.GetEncoding("GB18030").GetBytes(Sheet), TestContext.Current.CancellationToken);

        var (exit, output, _) = await Ssj.RunAsync("plan", "import", file, "--json", "--region", "360121", "--data-dir", store.Options.DataDirectory);

        Assert.Equal(1, exit);
        var root = JsonDocument.Parse(output).RootElement;
        var plan = root.GetProperty("plans")[0];
        foreach (var key in new[] { "number", "field", "name", "initiatingDepartment", "departments", "targetScope", "ratio", "frequencyPerYear", "startMonth", "endMonth", "methods" })
        {
            Assert.True(plan.TryGetProperty(key, out _), $"missing {key}");
        }

        Assert.Equal(0.1m, plan.GetProperty("ratio").GetDecimal());
        Assert.Equal("县卫生健康局", plan.GetProperty("departments")[1].GetProperty("name").GetString());
        var finding = root.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("text").GetString() == "县发改委");
        Assert.Equal(4, finding.GetProperty("row").GetInt32());
        Assert.Equal("配合部门", finding.GetProperty("column").GetString());
    }

    [Fact]
    public async Task Import_UnsupportedFile_Exits2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "x", TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal(2, (await Ssj.RunAsync("plan", "import", path)).Exit);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

public sealed class PlanSaveAndExportTests
{
    private const string Sheet = """
        序号,抽查领域,计划名称,发起部门,配合部门,具体抽查事项,抽查对象范围,抽查比例及频率,抽查时间,抽查方式
        3,药品零售,2025年县市场监管局与县卫生健康局关于药品零售企业联合抽查,县市场监管局,县市场监管局,药品经营质量管理规范执行情况,药品零售企业,10%：1次/年,5-10月,现场检查
        ,,,,县卫生健康局,从业人员健康证明检查,,,,
        4,计量器具,2025年县市场监管局关于集贸市场计量器具抽查,县市场监管局,县市场监管局,强制检定计量器具使用情况,集贸市场经营户,3%;2次/年,4-11月,现场检查 书面检查
        """;

    [Fact]
    public async Task ImportSave_CreatesPlansAndTasksByFrequency_ThenExportReimportsCleanly()
    {
        await using var store = TestStore.Sqlite();
        var dir = store.Options.DataDirectory;
        await Ssj.RunAsync("db", "seed", "--targets", "100", "--data-dir", dir);
        var csv = Path.Combine(dir, "plan.csv");
        await File.WriteAllTextAsync(csv, Sheet, TestContext.Current.CancellationToken);

        var save = await Ssj.RunAsync("plan", "import", csv, "--region", "360121", "--save", "--data-dir", dir);
        var xlsx = Path.Combine(dir, "export.xlsx");
        var export = await Ssj.RunAsync("plan", "export", "--out", xlsx, "--department", "360121-SCJG", "--year", "2025", "--data-dir", dir);
        var again = await Ssj.RunAsync("plan", "import", xlsx, "--region", "360121", "--json", "--data-dir", dir);

        Assert.True(save.Exit == 0, save.Output + save.Error);
        await using var db = store.Factory.CreateDbContext();
        var tasks = db.Tasks.Where(t => t.PlanCode == "JH2025-360121-004").OrderBy(t => t.TaskNumber).ToList();
        Assert.Equal(2, tasks.Count);
        Assert.Equal(new DateOnly(2025, 4, 1), tasks[0].WindowStart);
        Assert.Equal(new DateOnly(2025, 11, 15), tasks[1].WindowEnd);
        var joint = db.Plans.Single(p => p.Code == "JH2025-360121-003");
        Assert.Equal(["360121-SCJG", "360121-WJW"], joint.Participants.Select(p => p.DepartmentCode));
        Assert.Equal(0, export.Exit);
        Assert.Equal(0, again.Exit);
        Assert.Contains("\"number\": 4", again.Output, StringComparison.Ordinal);
    }
}
