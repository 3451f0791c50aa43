using System.Text;
using MiniExcelLibs;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Planning;

namespace ShuangSuiJi.Planning.Tests;

public sealed class PlanImporterTests
{
    private static readonly IReadOnlyList<Core.Kinds.Department> Departments = new ProvinceGenerator(new GeneratorOptions { TargetCount = 100 }).Departments();

    /// <summary>The invented example of DOMAIN.md, as a county (南昌县, 360121) would write it.</summary>
    internal const string Example = """
        序号,抽查领域,计划名称,发起部门,配合部门,具体抽查事项,抽查对象范围,抽查比例及频率,抽查时间,抽查方式
        3,药品零售,2025年县市场监管局与县卫生健康局关于药品零售企业联合抽查,县市场监管局,县市场监管局,药品经营质量管理规范执行情况,药品零售企业,10%：1次/年,5-10月,现场检查
        ,,,,县卫生健康局,从业人员健康证明检查,,,,
        4,计量器具,2025年县市场监管局关于集贸市场计量器具抽查,县市场监管局,县市场监管局,强制检定计量器具使用情况,集贸市场经营户,3%;2次/年,4-11月,现场检查 书面检查
        """;

    private static PlanImportResult Import(IReadOnlyList<string[]> rows, string region = "360121") =>
        new PlanImporter(new DepartmentResolver(Departments, region)).Import(rows);

    private static void AssertExample(PlanImportResult result)
    {
        Assert.False(result.HasRefusals, string.Join("; ", result.Findings));
        Assert.Equal(2, result.Plans.Count);
        var joint = result.Plans[0];
        Assert.Equal(3, joint.Number);
        Assert.Equal("360121-SCJG", joint.InitiatingDepartmentCode);
        Assert.Equal(["360121-SCJG", "360121-WJW"], joint.Departments.Select(d => d.Code));
        Assert.Equal(["从业人员健康证明检查"], joint.Departments[1].Items);
        Assert.Equal(0.10m, joint.Ratio);
        Assert.Equal(1, joint.FrequencyPerYear);
        Assert.Equal((5, 10), (joint.StartMonth!.Value, joint.EndMonth!.Value));
        Assert.Equal(["现场检查"], joint.Methods);
        var metrology = result.Plans[1];
        Assert.Equal(0.03m, metrology.Ratio);
        Assert.Equal(2, metrology.FrequencyPerYear);
        Assert.Equal(["现场检查", "书面检查"], metrology.Methods);
    }

    [Fact]
    public void DomainExample_Utf8Csv_GivesBothPlans() => AssertExample(Import(PlanSheet.ReadCsv(Encoding.UTF8.GetBytes(Example))));

    [Fact]
    public void DomainExample_Gb18030Csv_GivesTheSamePlans()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        AssertExample(Import(PlanSheet.ReadCsv(Encoding.GetEncoding("GB18030").GetBytes(Example))));
    }

    [Fact]
    public void DomainExample_Xlsx_GivesTheSamePlans()
    {
        var rows = PlanSheet.ReadCsv(Encoding.UTF8.GetBytes(Example));
        var path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.xlsx");
        try
        {
            var sheet = rows.Select(r => Enumerable.Range(0, r.Length).ToDictionary(i => $"C{i:00}", i => (object)r[i])).ToList();
            MiniExcel.SaveAs(path, sheet, printHeader: false);

            AssertExample(Import(PlanSheet.Read(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("5%:1次/年", "0.05", 1)]
    [InlineData("5%：1次/年", "0.05", 1)]
    [InlineData("30%;1次/年", "0.30", 1)]
    [InlineData("20%；2次/年", "0.20", 2)]
    [InlineData("50% 1次/年", "0.50", 1)]
    [InlineData("20%; 1次/年", "0.20", 1)]
    [InlineData("100%:1次/年", "1", 1)]
    [InlineData("一季度一次", null, 4)]
    [InlineData("每季度一次", null, 4)]
    [InlineData("2次/年", null, 2)]
    [InlineData("5％：每年两次", "0.05", 2)]
    public void RatioAndFrequency_EveryVariantPlannersWrite(string cell, string? ratio, int perYear)
    {
        var (r, p, problem) = RatioFrequency.Parse(cell);

        Assert.Null(problem);
        Assert.Equal(ratio is null ? null : decimal.Parse(ratio, System.Globalization.CultureInfo.InvariantCulture), r);
        Assert.Equal(perYear, p);
    }

    [Theory]
    [InlineData("4-11月", 4, 11)]
    [InlineData("6-10月", 6, 10)]
    [InlineData("全年", 1, 12)]
    [InlineData("一季度一次", 1, 12)]
    [InlineData("5月～10月", 5, 10)]
    public void Months_EveryVariant(string cell, int start, int end) => Assert.Equal((start, end, (string?)null), RatioFrequency.Months(cell));

    [Fact]
    public void MethodSlips_AreNormalisedAndReported()
    {
        var (methods, notes) = CheckMethods.Parse("现场检查 中面检查 专业机构 核 查阅资料");

        Assert.Equal([Core.Kinds.CheckMethod.OnSite, Core.Kinds.CheckMethod.Documentary, Core.Kinds.CheckMethod.ProfessionalBody], methods);
        Assert.Contains(notes, n => n.Note.Contains("'中面检查' read as 书面检查", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Note.Contains("'专业机构核' read as 专业机构核查", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.Refused);
    }

    [Fact]
    public void Abbreviations_ResolveAgainstTheDirectory()
    {
        var resolver = new DepartmentResolver(Departments, "360103");

        Assert.Equal("360103-WJW", resolver.Resolve("卫健局").Department?.Code);
        Assert.Equal("360103-ZJ", resolver.Resolve("区住建局").Department?.Code);
        Assert.Equal("360103-YJ", resolver.Resolve("西湖区应急局").Department?.Code);
        Assert.Equal("360100-SCJG", resolver.Resolve("南昌市市场监管局").Department?.Code);
        Assert.Contains("matches no department", resolver.Resolve("东湖县市场监管局").Problem, StringComparison.Ordinal);
        Assert.Contains("names no known line department", resolver.Resolve("县发改委").Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AmbiguousAndUnresolved_AreFindings_NotGuesses()
    {
        const string Sheet = """
            序号,抽查领域,计划名称,发起部门,配合部门,具体抽查事项,抽查对象范围,抽查比例及频率,抽查时间,抽查方式
            1,食品,2025年食品经营抽查,县市场监管局,,食品经营许可检查,食品经营者,5%:1次/年,一季度一次,现场检查
            2,安全,2025年联合检查,县市场监管局,县发改委,安全检查,工贸企业,5%:1次/年,4-11月,飞行检查
            """;

        var result = Import(PlanSheet.ReadCsv(Encoding.UTF8.GetBytes(Sheet)));

        Assert.Equal(2, result.Plans.Count);
        Assert.Contains(result.Findings, f => f.Row == 2 && f.Message.StartsWith("ambiguous", StringComparison.Ordinal));
        Assert.Contains(result.Findings, f => f.Row == 3 && f.Column == "配合部门" && f.Refused && f.Text == "县发改委");
        Assert.Contains(result.Findings, f => f.Row == 3 && f.Column == "抽查方式" && f.Refused);
        Assert.Equal(["360121-SCJG"], result.Plans[0].Departments.Select(d => d.Code));
    }

    [Fact]
    public void OwnRatioOnADepartmentsRow_AppliesToThatDepartment()
    {
        const string Sheet = """
            序号,抽查领域,计划名称,发起部门,配合部门,具体抽查事项,抽查对象范围,抽查比例及频率,抽查时间,抽查方式
            1,药品,联合抽查,县市场监管局,县市场监管局,甲事项,药店,10%:1次/年,5-10月,现场检查
            ,,,,县卫健局,乙事项,,5%:1次/年,,
            ,,,,,丙事项,,,,
            """;

        var plan = Assert.Single(Import(PlanSheet.ReadCsv(Encoding.UTF8.GetBytes(Sheet))).Plans);

        Assert.Equal(0.05m, plan.Departments[1].Ratio);
        Assert.Null(plan.Departments[0].Ratio);
        Assert.Equal(["乙事项", "丙事项"], plan.Departments[1].Items);
    }

    [Fact]
    public void NoHeader_RefusesWithAFinding() =>
        Assert.True(Import([["a", "b"], ["c", "d"]]).HasRefusals);
}

public sealed class PlanSheetWriterTests
{
    [Fact]
    public void Export_ThenImport_GivesTheSamePlans()
    {
        var departments = new ShuangSuiJi.Generation.ProvinceGenerator(new ShuangSuiJi.Generation.GeneratorOptions { TargetCount = 100 }).Departments();
        var importer = new PlanImporter(new DepartmentResolver(departments, "360121"));
        var original = importer.Import(PlanSheet.ReadCsv(System.Text.Encoding.UTF8.GetBytes(PlanImporterTests.Example)));
        var path = Path.Combine(Path.GetTempPath(), $"plan-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            PlanSheetWriter.WriteXlsx(path, original.Plans);
            var again = importer.Import(PlanSheet.Read(path));

            Assert.False(again.HasRefusals, string.Join("; ", again.Findings));
            Assert.Equal(
                original.Plans.Select(p => System.Text.Json.JsonSerializer.Serialize(p with { Row = 0 })),
                again.Plans.Select(p => System.Text.Json.JsonSerializer.Serialize(p with { Row = 0 })));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
