using System.Text.Json.Nodes;
using ShuangSuiJi.Integration.Routing;

namespace ShuangSuiJi.Integration.Tests;

public sealed class RouteConditionTests
{
    private static readonly JsonNode Body = JsonNode.Parse("""{"result":{"outcome":"Unqualified","departmentCode":"360103-SCJG"},"targetName":"某某公司"}""")!;

    [Theory]
    [InlineData(null, true)]
    [InlineData("result.outcome in ProblemOrderedToCorrect,ProblemPendingInvestigation,Unqualified", true)]
    [InlineData("result.outcome in ProblemOrderedToCorrect, NoProblemFound", false)]
    [InlineData("result.outcome not in NoProblemFound", true)]
    [InlineData("result.departmentCode = 360103-scjg", true)]
    [InlineData("result.departmentCode != 360103-SCJG", false)]
    [InlineData("result.missing = x", false)]
    public void Matches_OnTheEventBody(string? condition, bool expected)
    {
        Assert.True(RouteCondition.TryParse(condition, out var parsed, out var error), error);

        Assert.Equal(expected, parsed?.Matches(Body) ?? true);
    }

    [Theory]
    [InlineData("outcome")]
    [InlineData("= x")]
    [InlineData("a b in x")]
    public void Nonsense_IsRefusedWithTheForms(string condition)
    {
        Assert.False(RouteCondition.TryParse(condition, out _, out var error));
        Assert.Contains("path in a,b", error, StringComparison.Ordinal);
    }
}
