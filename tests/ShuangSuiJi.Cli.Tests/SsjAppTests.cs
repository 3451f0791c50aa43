using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Cli.Tests;

public sealed class SsjAppTests
{
    [Fact]
    public async Task ValidateUscc_OneValidOneInvalid_PrintsBothAndExits1()
    {
        var (exit, output, _) = await Ssj.RunAsync("validate", "uscc", "91350100M000100Y43", "91350100M000100Y44");

        Assert.Equal(1, exit);
        Assert.Contains("valid    91350100M000100Y43", output, StringComparison.Ordinal);
        Assert.Contains("invalid  91350100M000100Y44: check character is '4', expected '3'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateUscc_AllValid_Exits0()
    {
        var (exit, output, _) = await Ssj.RunAsync("validate", "uscc", "91360102MA35K7QW13", "11360000014500283D");

        Assert.Equal(0, exit);
        Assert.Contains("2 valid, 0 invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateUscc_LowerCase_SuggestsTheNormalisedCode()
    {
        var (_, output, _) = await Ssj.RunAsync("validate", "uscc", "91360103ma38b2lm2c");

        Assert.Contains("valid once normalised: 91360103MA38B2LM2C", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("validate", "uscc")]
    [InlineData("db", "seed", "--targets", "5")]
    public async Task BadUsage_Exits2WithAReason(params string[] args)
    {
        var (exit, _, error) = await Ssj.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Help_ListsTheVerbs()
    {
        var (exit, output, _) = await Ssj.RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("validate", output, StringComparison.Ordinal);
        Assert.Contains("db", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_PostgreSqlWithoutConnectionString_Exits2NamingTheKey()
    {
        var (exit, _, error) = await Ssj.RunAsync("db", "migrate", "--provider", "PostgreSql");

        Assert.Equal(2, exit);
        Assert.Contains("Storage:ConnectionString is required when Storage:Provider is PostgreSql", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrateThenSeed_SqliteFolder_LoadsAProvince()
    {
        await using var store = TestStore.Sqlite();

        var migrate = await Ssj.RunAsync("db", "migrate", "--data-dir", store.Options.DataDirectory);
        var seed = await Ssj.RunAsync("db", "seed", "--targets", "200", "--data-dir", store.Options.DataDirectory);
        var again = await Ssj.RunAsync("db", "seed", "--targets", "200", "--data-dir", store.Options.DataDirectory);

        Assert.Equal(0, migrate.Exit);
        Assert.Contains("applied", migrate.Output, StringComparison.Ordinal);
        Assert.Equal(0, seed.Exit);
        await using var db = store.Factory.CreateDbContext();
        Assert.Equal(200, await db.Targets.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, again.Exit);
        Assert.Contains("already holds data", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_RealPostgreSql_AppliesMigrations()
    {
        await using var store = await TestStore.PostgreSqlAsync();

        var (exit, output, error) = await Ssj.RunAsync("db", "migrate", "--provider", "PostgreSql", "--connection-string", store.Options.ConnectionString!);

        Assert.True(exit == 0, error);
        Assert.Contains("PostgreSql store: applied", output, StringComparison.Ordinal);
    }
}
