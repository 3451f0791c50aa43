using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ShuangSuiJi.Storage.Access;

namespace ShuangSuiJi.Hub.Tests.Browser;

/// <summary>The 计划 page in a real browser: a planner's sheet uploaded, checked, saved; the export link offered.</summary>
public sealed class PlanBrowserTests
{
    private const string Sheet = """
        序号,抽查领域,计划名称,发起部门,配合部门,具体抽查事项,抽查对象范围,抽查比例及频率,抽查时间,抽查方式
        3,药品零售,2025年县市场监管局与县卫生健康局关于药品零售企业联合抽查,县市场监管局,县市场监管局,药品经营质量管理规范执行情况,药品零售企业,10%：1次/年,5-10月,中面检查
        ,,,,县卫生健康局,从业人员健康证明检查,,,,
        4,计量器具,2025年县市场监管局关于集贸市场计量器具抽查,县市场监管局,县发改委,强制检定计量器具使用情况,集贸市场经营户,3%;2次/年,4-11月,现场检查
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Administrator_UploadsASheet_SeesEveryFinding_AndTheSavedPlanIsListed()
    {
        await using var hub = await BrowserHub.StartAsync(Ct);
        var admin = hub.Factory.CreateAccount(AccountRoles.Administrator, null, "Admin-Pass-2026", name: "wang.fang");
        await using var context = await hub.ContextAsAsync(admin);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.GotoAsync("/#/plans");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("抽查计划");
        await page.GetByTestId("plan-file").SetInputFilesAsync(new FilePayload { Name = "2025年度计划.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Sheet) });
        await page.FillAsync("input[name=region]", "360121");
        await page.FillAsync("#pf input[name=year]", "2025");
        await page.CheckAsync("input[name=save]");
        await page.GetByTestId("plan-upload").ClickAsync();

        var findings = page.GetByTestId("plan-findings");
        await Assertions.Expect(findings).ToContainTextAsync("县发改委");
        await Assertions.Expect(findings).ToContainTextAsync("未处理");
        await Assertions.Expect(findings).ToContainTextAsync("中面检查");
        await Assertions.Expect(page.GetByTestId("plan-lines")).ToContainTextAsync("JH2025-360121-003");
        await Assertions.Expect(page.Locator(".notice.error")).ToContainTextAsync(new Regex("已保存 1 个计划"));
        await BrowserHub.ScreenshotAsync(page, "11-plan-import");

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#pl")).ToContainTextAsync("JH2025-360121-003");
        await Assertions.Expect(page.Locator("#pl")).ToContainTextAsync("待审核");
    }

    [Fact]
    public async Task Viewer_SeesThePlansButNoUpload()
    {
        await using var hub = await BrowserHub.StartAsync(Ct);
        var viewer = hub.Factory.CreateAccount(AccountRoles.Viewer, null, "Viewer-Pass-2026");
        await using var context = await hub.ContextAsAsync(viewer);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.GotoAsync("/#/plans");

        await Assertions.Expect(page.GetByText("上传年度计划表需要管理员角色。")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("plan-upload")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("导出 .xlsx")).ToBeVisibleAsync();
    }
}
