using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Planning;

namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>
/// The plan spreadsheet reader and importer: mutated .xlsx and CSV sheets, a zip bomb, a malformed zip, an oversized
/// cell. A sheet is read or refused with <see cref="InvalidDataException"/> (the upload answers 400 with it); the
/// importer turns whatever rows come out into plans and findings, never an exception.
/// </summary>
public sealed class PlanSheetFuzzTests
{
    private const string Example = """
        序号,抽查领域,计划名称,发起部门,配合部门,具体抽查事项,抽查对象范围,抽查比例及频率,抽查时间,抽查方式
        3,药品零售,2025年县市场监管局与县卫生健康局关于药品零售企业联合抽查,县市场监管局,县市场监管局,药品经营质量管理规范执行情况,药品零售企业,10%：1次/年,5-10月,现场检查
        ,,,,县卫生健康局,从业人员健康证明检查,,,,
        4,计量器具,2025年县市场监管局关于集贸市场计量器具抽查,县市场监管局,县市场监管局,强制检定计量器具使用情况,集贸市场经营户,3%;2次/年,4-11月,现场检查 书面检查
        """;

    private static readonly IReadOnlyList<Core.Kinds.Department> Departments = new ProvinceGenerator(new GeneratorOptions { TargetCount = 100 }).Departments();

    static PlanSheetFuzzTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static bool Typed(Exception ex) => ex is InvalidDataException;

    private static Task<(int, int)> ImportAsync(byte[] sheet, string fileName)
    {
        using var stream = new MemoryStream(sheet);
        var rows = PlanSheet.Read(stream, fileName);
        var result = new PlanImporter(new DepartmentResolver(Departments, "360121")).Import(rows);
        return Task.FromResult((result.Plans.Count, result.Findings.Count));
    }

    internal static byte[] Xlsx()
    {
        var rows = PlanSheet.ReadCsv(Encoding.UTF8.GetBytes(Example));
        var sheet = rows.Select(r => Enumerable.Range(0, r.Length).ToDictionary(i => $"C{i:00}", i => (object)r[i])).ToList();
        using var output = new MemoryStream();
        output.SaveAs(sheet, printHeader: false, excelType: ExcelType.XLSX);
        return output.ToArray();
    }

    [Fact]
    public async Task MutatedXlsx_IsReadOrRefusedWithInvalidData_NeverACrash()
    {
        var outcome = new FuzzOutcome("plan sheet (.xlsx)");
        foreach (var (i, input) in FuzzBudget.Inputs(Mutations.Of([Xlsx()]), "plan.xlsx"))
        {
            await outcome.TryAsync(i, input, b => ImportAsync(b, "plan.xlsx"), Typed);
        }

        outcome.Report();
    }

    [Fact]
    public async Task MutatedCsv_IsReadOrRefusedWithInvalidData_NeverACrash()
    {
        var corpus = new[] { Encoding.UTF8.GetBytes(Example), Encoding.GetEncoding("GB18030").GetBytes(Example) };
        var outcome = new FuzzOutcome("plan sheet (.csv)");
        foreach (var (i, input) in FuzzBudget.Inputs(Mutations.Of(corpus), "plan.csv"))
        {
            await outcome.TryAsync(i, input, b => ImportAsync(b, "plan.csv"), Typed);
        }

        outcome.Report();
    }

    [Fact]
    public async Task XlsxZipBomb_IsRefusedBeforeItIsUnpacked()
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in new ZipArchive(new MemoryStream(Xlsx())).Entries)
            {
                var copy = zip.CreateEntry(part.FullName, CompressionLevel.Fastest);
                await using var from = await part.OpenAsync(TestContext.Current.CancellationToken);
                await using var to = await copy.OpenAsync(TestContext.Current.CancellationToken);
                if (part.FullName == "xl/worksheets/sheet1.xml")
                {
                    var padding = new byte[1 << 20];
                    padding.AsSpan().Fill((byte)' ');
                    for (var i = 0; i < 200; i++)
                    {
                        await to.WriteAsync(padding, TestContext.Current.CancellationToken); // 200 MB of whitespace before the sheet
                    }
                }

                await from.CopyToAsync(to, TestContext.Current.CancellationToken);
            }
        }

        var bomb = output.ToArray();
        Assert.InRange(bomb.Length, 1, 2 << 20);

        var (retained, _) = await Memory.MeasureAsync(async () =>
        {
            var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync(bomb, "plan.xlsx"));
            Assert.Contains("zip bomb", ex.Message, StringComparison.Ordinal);
            Assert.Contains("plan.xlsx", ex.Message, StringComparison.Ordinal);
        });
        Assert.InRange(retained, long.MinValue, 16L << 20);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("truncated")]
    [InlineData("csv-named-xlsx")]
    public async Task MalformedXlsx_IsRefusedWithInvalidData(string how)
    {
        var xlsx = Xlsx();
        var bytes = how switch
        {
            "random" => [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919))],
            "truncated" => xlsx[..(xlsx.Length / 2)],
            _ => Encoding.UTF8.GetBytes(Example),
        };

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync(bytes, "plan.xlsx"));

        Assert.Contains("plan.xlsx", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvWithOneCellOfTwoMegabytes_IsRefusedNamingTheRow()
    {
        var csv = Example + "\n5,x," + new string('名', 2 << 20) + ",县市场监管局,,,,,,\n";

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync(Encoding.UTF8.GetBytes(csv), "plan.csv"));

        Assert.Contains("row 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CsvOfMoreRowsThanAnyPlan_IsRefused()
    {
        var csv = Example + string.Concat(Enumerable.Repeat("\n,,,,,,,,,", PlanSheet.MaxRows));

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => ImportAsync(Encoding.UTF8.GetBytes(csv), "plan.csv"));

        Assert.Contains("rows", ex.Message, StringComparison.Ordinal);
    }
}
