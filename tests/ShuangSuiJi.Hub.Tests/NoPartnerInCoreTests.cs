using System.Reflection;

namespace ShuangSuiJi.Hub.Tests;

/// <summary>
/// The plug-in rule: partner knowledge lives only in its adapter and mapping register. Core and the hub reference no
/// adapter, mapping or simulator assembly and name no partner system, so a sixth partner needs no edit there.
/// </summary>
public sealed class NoPartnerInCoreTests
{
    private static readonly string[] PartnerAssemblies = ["ShuangSuiJi.Adapters", "ShuangSuiJi.Mappings", "ShuangSuiJi.Simulators"];

    private static readonly string[] PartnerWords =
        ["CreditPublicity", "RiskClassification", "PenaltyCase", "NationalPlatform", "SupervisionPlatform", "Partners:", "公示系统", "分类管理系统", "案件管理系统", "总局平台", "监督平台"];

    public static TheoryData<string> CoreAndHub => ["ShuangSuiJi.Core", "ShuangSuiJi.Storage", "ShuangSuiJi.Draw", "ShuangSuiJi.Exchange", "ShuangSuiJi.Integration", "ShuangSuiJi.Reconciliation", "ShuangSuiJi.Planning", "ShuangSuiJi.Generation", "ShuangSuiJi.Hub"];

    [Theory]
    [MemberData(nameof(CoreAndHub))]
    public void Assembly_ReferencesNoPartnerAssembly(string name)
    {
        var assembly = Assembly.Load(name);

        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), r => PartnerAssemblies.Any(p => r.Name!.StartsWith(p, StringComparison.Ordinal)));
    }

    [Fact]
    public void Sources_OfCoreAndHub_NameNoPartner()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ShuangSuiJi.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("ShuangSuiJi.sln not found above the test binaries.");
        }

        var files = Directory.EnumerateFiles(Path.Combine(root, "core"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(root, "hosts", "ShuangSuiJi.Hub"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var hits = files.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => PartnerWords.Any(w => x.line.Contains(w, StringComparison.Ordinal)))
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));
    }
}
