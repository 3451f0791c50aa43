namespace ShuangSuiJi.Cli.Tests;

/// <summary>The mapping golden files (<c>tests/ShuangSuiJi.Mappings.Tests/Golden</c>), read from the source tree: <c>ssj</c> must agree with them.</summary>
internal static class GoldenPayloads
{
    public static DirectoryInfo Folder { get; } = Find();

    public static string PathOf(string partner, string file) => Path.Combine(Folder.FullName, partner, file);

    private static DirectoryInfo Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var golden = Path.Combine(dir.FullName, "tests", "ShuangSuiJi.Mappings.Tests", "Golden");
            if (Directory.Exists(golden))
            {
                return new DirectoryInfo(golden);
            }
        }

        throw new DirectoryNotFoundException($"No tests/ShuangSuiJi.Mappings.Tests/Golden above {AppContext.BaseDirectory}.");
    }
}
