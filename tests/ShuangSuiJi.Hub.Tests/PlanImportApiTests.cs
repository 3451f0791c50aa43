using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Hub.Tests;

public sealed class PlanImportApiTests
{
    private const string Sheet = """
        序号,抽查领域,计划名称,发起部门,配合部门,具体抽查事项,抽查对象范围,抽查比例及频率,抽查时间,抽查方式
        3,药品零售,2025年县市场监管局与县卫生健康局关于药品零售企业联合抽查,县市场监管局,县市场监管局,药品经营质量管理规范执行情况,药品零售企业,10%：1次/年,5-10月,现场检查
        ,,,,县卫生健康局,从业人员健康证明检查,,,,
        4,计量器具,2025年县市场监管局关于集贸市场计量器具抽查,县市场监管局,县发改委,强制检定计量器具使用情况,集贸市场经营户,3%;2次/年,4-11月,现场检查
        """;

    private static MultipartFormDataContent Upload(byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return form;
    }

    [Fact]
    public async Task Upload_Gb18030Csv_SavesTheResolvedPlan_AndReportsTheRefusedOne()
    {
        await using var factory = new HubFactory(TestStore.Sqlite());
        await factory.WaitUntilReadyAsync(TestContext.Current.CancellationToken);
        using var client = factory.CreateClient();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var form = Upload(Encoding.GetEncoding("GB18030").GetBytes(Sheet), "2025年度计划.csv");

        using var response = await client.PostAsync(new Uri("/api/plans/import?region=360121&save=true", UriKind.Relative), form, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(HubFactory.Json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body.GetProperty("plans").GetArrayLength());
        var saved = Assert.Single(body.GetProperty("saved").EnumerateArray());
        Assert.Equal("JH2025-360121-003", saved.GetProperty("planCode").GetString());
        Assert.Contains(body.GetProperty("findings").EnumerateArray(), f => f.GetProperty("text").GetString() == "县发改委" && f.GetProperty("refused").GetBoolean());
        await using var db = factory.Store.Factory.CreateDbContext();
        Assert.True(await db.Tasks.AnyAsync(t => t.PlanCode == "JH2025-360121-003", TestContext.Current.CancellationToken));
        Assert.False(await db.Plans.AnyAsync(p => p.Code == "JH2025-360121-004", TestContext.Current.CancellationToken));

        // Saved is submitted for review: pending, and a plan.submitted event in the same transaction.
        Assert.Equal(Core.Kinds.ReviewState.Pending, (await db.Plans.SingleAsync(p => p.Code == "JH2025-360121-003", TestContext.Current.CancellationToken)).ReviewState);
        Assert.Equal("JH2025-360121-003", (await db.Outbox.SingleAsync(m => m.Type == "plan.submitted", TestContext.Current.CancellationToken)).Subject);
    }

    [Fact]
    public async Task Upload_WrongFileType_Answers400NamingTheFile()
    {
        await using var factory = new HubFactory(TestStore.Sqlite());
        using var client = factory.CreateClient();
        using var form = Upload("x"u8.ToArray(), "plan.docx");

        using var response = await client.PostAsync(new Uri("/api/plans/import", UriKind.Relative), form, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(HubFactory.Json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task Export_AfterASave_GivesTheSheetBack_AndItImportsToTheSamePlan()
    {
        await using var factory = new HubFactory(TestStore.Sqlite());
        await factory.WaitUntilReadyAsync(TestContext.Current.CancellationToken);
        using var client = factory.CreateClient();
        using (var form = Upload(Encoding.UTF8.GetBytes(Sheet), "plan.csv"))
        {
            using var saved = await client.PostAsync(new Uri("/api/plans/import?region=360121&save=true", UriKind.Relative), form, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        // The store holds the generated province's plans too: export this department's.
        string initiating;
        await using (var db = factory.Store.Factory.CreateDbContext())
        {
            initiating = (await db.Plans.SingleAsync(p => p.Code == "JH2025-360121-003", TestContext.Current.CancellationToken)).InitiatingDepartmentCode;
        }

        using var export = await client.GetAsync(new Uri($"/api/plans/export?year=2025&department={initiating}", UriKind.Relative), TestContext.Current.CancellationToken);
        var xlsx = await export.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        using var again = new MultipartFormDataContent { { new ByteArrayContent(xlsx), "file", export.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "x.xlsx" } };
        using var reimport = await client.PostAsync(new Uri("/api/plans/import?region=360121", UriKind.Relative), again, TestContext.Current.CancellationToken);
        var body = await reimport.Content.ReadFromJsonAsync<JsonElement>(HubFactory.Json, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal($"plans-2025-{initiating}.xlsx", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(HttpStatusCode.OK, reimport.StatusCode);
        var plan = Assert.Single(body.GetProperty("plans").EnumerateArray(), p => p.GetProperty("name").GetString() == "2025年县市场监管局与县卫生健康局关于药品零售企业联合抽查");
        Assert.Equal(3, plan.GetProperty("number").GetInt32());
        var departments = plan.GetProperty("departments").EnumerateArray().ToList();
        Assert.Equal(2, departments.Count);
        Assert.Equal(["药品经营质量管理规范执行情况"], departments[0].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["从业人员健康证明检查"], departments[1].GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(0.10m, plan.GetProperty("ratio").GetDecimal());
        Assert.All(departments, d => Assert.False(string.IsNullOrEmpty(d.GetProperty("code").GetString()), "every department resolves again"));
    }
}
