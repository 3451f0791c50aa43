using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Storage.Tests;

/// <summary>ID and phone numbers are ciphertext in the database, whole through EF, and found by their blind index.</summary>
public abstract class SensitiveStorageTests
{
    private const string IdNumber = "36010219900307123X";
    private const string Phone = "13912345678";

    protected abstract StorageProvider Provider { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StoredInspector_NumbersAreNotInTheDatabase_ButReadBackWhole()
    {
        await using var store = await (await TestStore.CreateAsync(Provider)).MigratedAsync();
        await using (var db = store.Factory.CreateDbContext())
        {
            db.Inspectors.Add(Inspector("赣36010099001", IdNumber));
            db.PartnerRecords.Add(new PartnerRecord { Partner = "P1", Kind = "Inspector", Key = "赣36010099001", Json = $"{{\"idNumber\":{{\"value\":\"{IdNumber}\"}}}}", Hash = "h", UpdatedAt = DateTimeOffset.UnixEpoch });
            await db.SaveChangesAsync(Ct);
        }

        var raw = await RawAsync(store);
        Assert.DoesNotContain(IdNumber, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, raw, StringComparison.Ordinal);
        Assert.Contains("ssj:1:", raw, StringComparison.Ordinal);

        await using var read = store.Factory.CreateDbContext();
        var inspector = await read.Inspectors.SingleAsync(i => i.CertificateNumber == "赣36010099001", Ct);
        Assert.Equal(IdNumber, inspector.IdNumber?.Value);
        Assert.Equal(Phone, inspector.Phone?.Value);
        Assert.Contains(IdNumber, (await read.PartnerRecords.SingleAsync(Ct)).Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlindIndex_FindsTheInspectorByIdNumber_AfterAnUpdateToo()
    {
        await using var store = await (await TestStore.CreateAsync(Provider)).MigratedAsync();
        await using (var db = store.Factory.CreateDbContext())
        {
            db.Inspectors.AddRange(Inspector("赣36010099001", IdNumber), Inspector("赣36010099002", "360102199003071231"));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = store.Factory.CreateDbContext())
        {
            var changed = await db.Inspectors.SingleAsync(i => i.CertificateNumber == "赣36010099002", Ct);
            db.Entry(changed).CurrentValues.SetValues(changed with { IdNumber = new IdNumber("360102198001011235") });
            await db.SaveChangesAsync(Ct);
        }

        await using var read = store.Factory.CreateDbContext();
        var index = store.Factory.Cipher.BlindIndex("36010219900307123x");
        var found = await read.Inspectors.Where(i => EF.Property<string>(i, HubDbContext.IdNumberIndex) == index).Select(i => i.CertificateNumber).ToListAsync(Ct);
        var updated = store.Factory.Cipher.BlindIndex("360102198001011235");
        Assert.Equal(["赣36010099001"], found);
        Assert.Equal(["赣36010099002"], await read.Inspectors.Where(i => EF.Property<string>(i, HubDbContext.IdNumberIndex) == updated).Select(i => i.CertificateNumber).ToListAsync(Ct));
    }

    [Fact]
    public async Task ExchangeLogText_IsStoredMasked()
    {
        await using var store = await (await TestStore.CreateAsync(Provider)).MigratedAsync();
        await using (var db = store.Factory.CreateDbContext())
        {
            db.ExchangeLog.Add(new ExchangeLogEntry
            {
                Partner = "P1", Kind = "Inspector", Direction = ExchangeDirection.Inbound, Operation = "P1/inspectors", CorrelationId = "c", Status = "failed",
                StartedAt = DateTimeOffset.UnixEpoch, Error = $"refused {IdNumber} and {Phone}", Request = $"q={IdNumber}", Response = $"{{\"phone\":\"{Phone}\"}}",
            });
            await db.SaveChangesAsync(Ct);
        }

        await using var read = store.Factory.CreateDbContext();
        var entry = await read.ExchangeLog.SingleAsync(Ct);
        Assert.Equal("refused 360***********123X and 139****5678", entry.Error);
        Assert.DoesNotContain(IdNumber, entry.Request, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, entry.Response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reencrypt_AfterARotation_RewritesUnderTheNewKey_AndLookupsFollow()
    {
        await using var store = await (await TestStore.CreateAsync(Provider)).MigratedAsync();
        await using (var db = store.Factory.CreateDbContext())
        {
            db.Inspectors.Add(Inspector("赣36010099001", IdNumber));
            await db.SaveChangesAsync(Ct);
        }

        var rotated = Protection.DataKeys.Load(
            new Protection.SecurityOptions { DataKey = Protection.FieldCipher.NewKey(), DataKeyId = "2", RetiredDataKeys = { ["1"] = TestKeyOf(store) } },
            store.Options,
            production: true);
        var factory = HubDbContextFactory.For(store.Options, rotated);

        var counts = await Protection.StoreReencryption.RunAsync(factory, Ct);

        Assert.Equal(1, counts["Inspectors"]);
        Assert.Contains("ssj:1:2:", await RawAsync(store), StringComparison.Ordinal);
        Assert.DoesNotContain("ssj:1:1:", await RawInspectorsAsync(store), StringComparison.Ordinal);
        await using var read = factory.CreateDbContext();
        var index = rotated.BlindIndex(IdNumber);
        var inspector = await read.Inspectors.SingleAsync(i => EF.Property<string>(i, HubDbContext.IdNumberIndex) == index, Ct);
        Assert.Equal(IdNumber, inspector.IdNumber?.Value);
    }

    private static string TestKeyOf(TestStore store) => store.Settings["Security:DataKey"]!; // TestStore always sets one

    private async Task<string> RawInspectorsAsync(TestStore store)
    {
        await using var db = store.Factory.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"IdNumber\" || '|' || \"Phone\" FROM \"Inspectors\"";
        return string.Join('\n', await ReadAllAsync(command));
    }

    private static async Task<List<string>> ReadAllAsync(System.Data.Common.DbCommand command)
    {
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static Inspector Inspector(string certificate, string idNumber) => new()
    {
        CertificateNumber = certificate,
        Name = "测试",
        DepartmentCode = "360102-SCJG",
        IdNumber = new IdNumber(idNumber),
        Phone = new PhoneNumber(Phone),
        CertificateValidTo = new DateOnly(2030, 1, 1),
        Status = InspectorStatus.OnDuty,
        Provenance = new Provenance("P1", "test", DateTimeOffset.UnixEpoch),
    };

    /// <summary>Every byte of the store as the database holds it: the SQLite file, or the rows as PostgreSQL returns them as text.</summary>
    private async Task<string> RawAsync(TestStore store)
    {
        if (Provider == StorageProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var text = new StringBuilder();
            foreach (var file in Directory.GetFiles(store.Options.DataDirectory, "hub.db*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Encoding.Latin1);
                text.Append(await reader.ReadToEndAsync(Ct));
            }

            return text.ToString();
        }

        await using var connection = new NpgsqlConnection(store.Options.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT coalesce((SELECT string_agg(i::text, '|') FROM \"Inspectors\" i), '') || coalesce((SELECT string_agg(p::text, '|') FROM \"PartnerRecords\" p), '')", connection);
        return (string)(await command.ExecuteScalarAsync(Ct))!; // coalesce: never null
    }
}

public sealed class SqliteSensitiveStorageTests : SensitiveStorageTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class PostgreSqlSensitiveStorageTests : SensitiveStorageTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
