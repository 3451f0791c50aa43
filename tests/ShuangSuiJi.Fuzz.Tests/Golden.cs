namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>The mappings' golden payloads (<c>tests/ShuangSuiJi.Mappings.Tests/Golden</c>), found above the test binary: the corpus the mutations start from.</summary>
internal static class Golden
{
    public static DirectoryInfo Folder { get; } = Find();

    public static byte[] Read(string partner, string file) => File.ReadAllBytes(Path.Combine(Folder.FullName, partner, file));

    /// <summary>Every inbound payload with the extension, all partners: the splice material.</summary>
    public static IReadOnlyList<byte[]> All(string extension) =>
        [.. Folder.EnumerateFiles($"*.in.{extension}", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal).Select(f => File.ReadAllBytes(f.FullName))];

    private static DirectoryInfo Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = new DirectoryInfo(Path.Combine(dir.FullName, "tests", "ShuangSuiJi.Mappings.Tests", "Golden"));
            if (candidate.Exists)
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/ShuangSuiJi.Mappings.Tests/Golden was not found above the test binary.");
    }
}
