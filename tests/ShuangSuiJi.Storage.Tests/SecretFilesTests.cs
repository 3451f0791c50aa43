using ShuangSuiJi.Storage.Protection;

namespace ShuangSuiJi.Storage.Tests;

/// <summary>Development keys generated into the data folder: one file, whole, whoever starts first.</summary>
public sealed class SecretFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ssj-secret-").FullName;

    [Fact]
    public async Task ReadOrCreate_ManyStartersAtOnce_AllReadTheOneWholeFile()
    {
        for (var round = 0; round < 10; round++)
        {
            var path = Path.Combine(_folder, $"round-{round}", "data.key");
            using var start = new Barrier(8);
            var results = new (string Text, bool Created)[8];
            // Long-running tasks: eight threads of their own, and an exception in one fails the test.
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait(TestContext.Current.CancellationToken);
                    var text = SecretFiles.ReadOrCreate(path, () => new string((char)('a' + i), 4096), out var created);
                    results[i] = (text, created);
                },
                TestContext.Current.CancellationToken,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)));

            Assert.Single(results, r => r.Created);
            var winner = results.Single(r => r.Created).Text;
            Assert.All(results, r => Assert.Equal(winner, r.Text));
            Assert.Equal(4096, winner.Length);

            // The key and the creators' lock; no temporary file left behind.
            Assert.Equal(["data.key", "data.key.lock"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void ReadOrCreate_Existing_ReadsIt_AndOnlyItsOwnerMayReadANewOne()
    {
        var path = Path.Combine(_folder, "data.key");

        var first = SecretFiles.ReadOrCreate(path, () => "first", out var created);
        var second = SecretFiles.ReadOrCreate(path, () => "second", out var createdAgain);

        Assert.Equal(("first", true), (first, created));
        Assert.Equal(("first", false), (second, createdAgain));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
