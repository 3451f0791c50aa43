using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Loading;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Storage.Tests;

/// <summary>What every provider must do the same way. Each derived class runs these against a real server.</summary>
public abstract class StoreContractTests
{
    protected abstract StorageProvider Provider { get; }

    /// <summary>Compares values, not their spelling: 5 and 5.0000 are one ratio, 08:00+08:00 and 00:00Z one instant.</summary>
    private static readonly JsonSerializerOptions Json = new() { Converters = { new SameDecimal(), new SameInstant() } };

    private Task<TestStore> NewStoreAsync() => TestStore.CreateAsync(Provider);

    [Fact]
    public async Task Migrate_TwiceOnANewStore_AppliesOnceThenIsCurrent()
    {
        await using var store = await NewStoreAsync();
        var migrator = new StoreMigrator(store.Factory, NullLogger<StoreMigrator>.Instance);

        var first = await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        var second = await migrator.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Seed_SmallProvince_EveryKindReadsBackExactly()
    {
        await using var store = await (await NewStoreAsync()).MigratedAsync();
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = 300, Seed = 7 });
        var seeder = new ProvinceSeeder(store.Factory, Loader(store));

        var summaries = await seeder.SeedAsync(generator, null, TestContext.Current.CancellationToken);

        await using var db = store.Factory.CreateDbContext();
        Assert.Equal(9, summaries.Count);
        AssertSame(generator.Departments(), await db.Departments.OrderBy(d => d.Code).ToListAsync(TestContext.Current.CancellationToken), d => d.Code);
        AssertSame(generator.Users(), await db.Users.ToListAsync(TestContext.Current.CancellationToken), u => u.LoginName);
        AssertSame(generator.Items(), await db.InspectionItems.ToListAsync(TestContext.Current.CancellationToken), i => i.Code);
        AssertSame(generator.Plans(), await db.Plans.ToListAsync(TestContext.Current.CancellationToken), p => p.Code);
        AssertSame(generator.Tasks(), await db.Tasks.ToListAsync(TestContext.Current.CancellationToken), t => t.TaskNumber);
        AssertSame(generator.Targets(), await db.Targets.ToListAsync(TestContext.Current.CancellationToken), t => t.CreditCode);
        AssertSame(generator.Inspectors(), await db.Inspectors.ToListAsync(TestContext.Current.CancellationToken), i => i.CertificateNumber);
        AssertSame(generator.Results(), await db.Results.ToListAsync(TestContext.Current.CancellationToken), r => $"{r.TaskNumber}|{r.TargetCreditCode}|{r.DepartmentCode}");
        AssertSame(generator.Evaluations(), await db.Evaluations.ToListAsync(TestContext.Current.CancellationToken), e => e.Id);
    }

    [Fact]
    public async Task UpdatedSince_InstantsWithDifferentOffsets_CompareAsInstants()
    {
        await using var store = await (await NewStoreAsync()).MigratedAsync();
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = 100 });
        var cst = TimeSpan.FromHours(8);
        var targets = new[]
        {
            // 09:00 in Beijing is 01:00 UTC: earlier than 02:00 UTC although "09" > "02" as text.
            generator.TargetAt(0) with { Provenance = new Provenance("A", "pull", new DateTimeOffset(2025, 3, 1, 9, 0, 0, cst)) },
            generator.TargetAt(1) with { Provenance = new Provenance("A", "pull", new DateTimeOffset(2025, 3, 1, 2, 0, 0, TimeSpan.Zero)) },
            generator.TargetAt(2) with { Provenance = new Provenance("A", "pull", new DateTimeOffset(2025, 3, 1, 11, 0, 0, cst)) },
        };
        await Loader(store).LoadAsync(targets, null, TestContext.Current.CancellationToken);
        var since = new DateTimeOffset(2025, 3, 1, 1, 30, 0, TimeSpan.Zero);

        await using var db = store.Factory.CreateDbContext();
        var codes = await db.Targets.Where(t => t.Provenance.ReceivedAt >= since).OrderBy(t => t.Provenance.ReceivedAt).Select(t => t.CreditCode).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([targets[1].CreditCode, targets[2].CreditCode], codes);
    }

    [Fact]
    public async Task RejectedRecord_IsKeptWithPayloadAndReasons()
    {
        await using var store = await (await NewStoreAsync()).MigratedAsync();
        await using (var db = store.Factory.CreateDbContext())
        {
            db.RejectedRecords.Add(new RejectedRecord
            {
                Kind = "Target",
                Key = "91360103MA38B2LM2D",
                Partner = "test",
                Exchange = "unit",
                ReceivedAt = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)),
                Location = "page 3, row 17",
                Errors = "CreditCode: check character is 'D', expected 'C'",
                Payload = "<entity><uniscid>91360103MA38B2LM2D</uniscid><entname>南昌市某某大药房有限公司</entname></entity>",
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = store.Factory.CreateDbContext();
        var kept = await read.RejectedRecords.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Contains("南昌市某某大药房有限公司", kept.Payload, StringComparison.Ordinal);
        Assert.Equal("page 3, row 17", kept.Location);
    }

    [Fact]
    public async Task BulkLoad_ReportsProgressPerBatchAndCountsEveryRow()
    {
        await using var store = await (await NewStoreAsync()).MigratedAsync();
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = 2_500 });
        var reports = new List<long>();

        var summary = await Loader(store).LoadAsync(generator.Targets(), new Collect(reports), TestContext.Current.CancellationToken);

        await using var db = store.Factory.CreateDbContext();
        Assert.Equal(2_500, summary.Rows);
        Assert.Equal([1000L, 2000L, 2500L], reports);
        Assert.Equal(2_500, await db.Targets.LongCountAsync(TestContext.Current.CancellationToken));
    }

    private static BulkLoader Loader(TestStore store) =>
        new(store.Factory, Options.Create(store.Options), new FakeTimeProvider());

    private static void AssertSame<T>(IEnumerable<T> expected, IEnumerable<T> actual, Func<T, string> key)
    {
        var want = expected.OrderBy(key, StringComparer.Ordinal).Select(r => JsonSerializer.Serialize(r, Json)).ToList();
        var got = actual.OrderBy(key, StringComparer.Ordinal).Select(r => JsonSerializer.Serialize(r, Json)).ToList();
        Assert.NotEmpty(want);
        Assert.Equal(want, got);
    }

    private sealed class SameDecimal : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value / 1.000000000000000000000000000000000m);
    }

    private sealed class SameInstant : System.Text.Json.Serialization.JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToUniversalTime());
    }

    private sealed class Collect(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}

public sealed class SqliteStoreTests : StoreContractTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;

    [Fact]
    public async Task FirstUse_CreatesTheDataFolderAndFile()
    {
        var root = Directory.CreateTempSubdirectory("ssj-test-");
        try
        {
            var options = new StorageOptions { DataDirectory = Path.Combine(root.FullName, "nested", "data") };
            await new StoreMigrator(HubDbContextFactory.For(options), NullLogger<StoreMigrator>.Instance).MigrateAsync(TestContext.Current.CancellationToken);

            Assert.True(File.Exists(Path.Combine(options.DataDirectory, "hub.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            root.Delete(recursive: true);
        }
    }
}

public sealed class PostgreSqlStoreTests : StoreContractTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
