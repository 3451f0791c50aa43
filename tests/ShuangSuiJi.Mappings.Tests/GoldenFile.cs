namespace ShuangSuiJi.Mappings.Tests;

/// <summary>
/// Golden files under <c>Golden/&lt;PARTNER&gt;/</c> in the source tree. With the environment variable
/// <c>SSJ_UPDATE_GOLDEN=1</c> an expected file is (re)written from the actual output instead of compared; commit such
/// an update on its own, saying why the output changed.
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "SSJ_UPDATE_GOLDEN";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The source folder <c>tests/ShuangSuiJi.Mappings.Tests/Golden</c>, found above the test binary.</summary>
    public static DirectoryInfo Folder { get; } = Find();

    public static string PathOf(string partner, string file) => Path.Combine(Folder.FullName, partner, file);

    public static byte[] Read(string partner, string file) => File.ReadAllBytes(PathOf(partner, file));

    public static string ReadText(string partner, string file) => File.ReadAllText(PathOf(partner, file));

    /// <summary>Compares <paramref name="actual"/> with the golden file (line ends normalised); fails naming the first differing line.</summary>
    public static void Match(string partner, string file, string actual)
    {
        var path = PathOf(partner, file);
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            Assert.Fail($"{partner}/{file} does not exist; run the tests with {UpdateVariable}=1 to create it, then review and commit it.");
        }

        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }

        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        Assert.Fail($"""
            {partner}/{file} differs from the golden file, first at line {line + 1}:
              expected: {(line < e.Length ? e[line] : "(end of file)")}
              actual:   {(line < a.Length ? a[line] : "(end of file)")}
            If the change is intended, rerun with {UpdateVariable}=1 and commit the updated golden file on its own, saying why.
            """);
    }

    private static DirectoryInfo Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ShuangSuiJi.Mappings.Tests.csproj")))
            {
                return new DirectoryInfo(Path.Combine(dir.FullName, "Golden"));
            }
        }

        throw new DirectoryNotFoundException($"No ShuangSuiJi.Mappings.Tests.csproj above {AppContext.BaseDirectory}: the golden files are read from the source tree.");
    }
}
