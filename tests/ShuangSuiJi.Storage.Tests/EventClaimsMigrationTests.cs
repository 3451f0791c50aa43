using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Storage.Tests;

/// <summary>
/// The <c>EventClaims</c> migration backfills the withdrawals decided before the table existed: each subject is
/// claimed once, by its earliest event, and no other event type is claimed.
/// </summary>
public sealed class EventClaimsMigrationTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migration_ClaimsEachEarlierWithdrawal_ByItsEarliestEvent(StorageProvider provider)
    {
        const string Withdrawn = "result.publicity-withdrawn";
        await using var store = await TestStore.CreateAsync(provider);
        await using var db = store.Factory.CreateDbContext();
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_EventClaims", StringComparison.Ordinal)) - 1], cancellationToken: Ct);

        var start = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
        var earliest = OutboxMessage.For(Withdrawn, "RW-1|A|SCJG", "{}", start);
        var twice = OutboxMessage.For(Withdrawn, "RW-1|A|SCJG", "{}", start.AddMinutes(1)); // the race the claims now prevent
        var other = OutboxMessage.For(Withdrawn, "RW-1|B|SCJG", "{}", start.AddMinutes(2));
        db.Outbox.AddRange(twice, earliest, other, OutboxMessage.For("result.recorded", "RW-1|C|SCJG", "{}", start));
        await db.SaveChangesAsync(Ct);

        await migrator.MigrateAsync(cancellationToken: Ct);

        var claims = await db.EventClaims.AsNoTracking().OrderBy(c => c.Subject).ToListAsync(Ct);
        Assert.Equal(
            [(Withdrawn, "RW-1|A|SCJG", earliest.Id, start), (Withdrawn, "RW-1|B|SCJG", other.Id, start.AddMinutes(2))],
            claims.Select(c => (c.Type, c.Subject, c.EventId, c.ClaimedAt)));
    }
}
