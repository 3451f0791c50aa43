using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Cli.Tests;

/// <summary><c>ssj user</c> and <c>ssj apikey</c> against a real SQLite store.</summary>
public sealed class AccessCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UserAdd_StrongPassword_CreatesAnAccountThatMustChangeIt_AndAuditsWithoutThePassword()
    {
        await using var store = TestStore.Sqlite();

        var (exit, output, error) = await Ssj.RunAsync("user", "add", "--name", "li.na", "--role", "viewer", "--department", "360100", "--password", "Initial-2026!", "--data-dir", store.Options.DataDirectory!);

        Assert.True(exit == 0, error);
        Assert.Contains("Created Viewer account 'li.na'", output, StringComparison.Ordinal);
        await using var db = store.Factory.CreateDbContext();
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.Name == "li.na", Ct);
        Assert.Equal((AccountRoles.Viewer, "360100", true), (account.Role, account.DepartmentCode, account.MustChangePassword));
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<Account>().VerifyHashedPassword(account, account.PasswordHash, "Initial-2026!"));
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((AuditActs.AccountCreate, "account:li.na", $"cli:{Environment.UserName}"), (entry.Act, entry.Subject, entry.Actor));
        Assert.DoesNotContain("Initial-2026!", entry.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short1!", "at least 8 characters")]
    [InlineData("onlyletters", "missing a digit, a special character")]
    [InlineData("wang.fang-2026", "contains the account name")]
    public async Task UserAdd_WeakPassword_ExitsOneNamingTheRule(string password, string reason)
    {
        await using var store = TestStore.Sqlite();

        var (exit, _, error) = await Ssj.RunAsync("user", "add", "--name", "wang.fang", "--role", "administrator", "--password", password, "--data-dir", store.Options.DataDirectory!);

        Assert.Equal(1, exit);
        Assert.Contains("password rule: at least 8 characters mixing letters, digits and special characters", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAdd_DuplicateName_ExitsOne()
    {
        await using var store = TestStore.Sqlite();
        string[] add = ["user", "add", "--name", "zhao.lei", "--role", "Administrator", "--password", "Initial-2026!", "--data-dir", store.Options.DataDirectory!];

        var first = await Ssj.RunAsync(add);
        var second = await Ssj.RunAsync(add);

        Assert.True(first.Exit == 0, first.Error);
        Assert.Equal(1, second.Exit);
        Assert.Contains("already exists", second.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAdd_UnknownRole_ExitsTwo()
    {
        await using var store = TestStore.Sqlite();

        var (exit, _, error) = await Ssj.RunAsync("user", "add", "--name", "x.y", "--role", "root", "--password", "Initial-2026!", "--data-dir", store.Options.DataDirectory!);

        Assert.Equal(2, exit);
        Assert.Contains("administrator or viewer", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyCreate_PrintsTheKeyAloneOnTheLastLine_AndStoresOnlyItsHash()
    {
        await using var store = TestStore.Sqlite();

        var (exit, output, error) = await Ssj.RunAsync("apikey", "create", "--name", "county-portal", "--role", "viewer", "--department", "360103", "--expires-days", "30", "--data-dir", store.Options.DataDirectory!);

        Assert.True(exit == 0, error);
        var key = output.TrimEnd().Split('\n')[^1].Trim();
        Assert.Matches("^ssj_[A-Za-z0-9]{10}_[A-Za-z0-9]{33}$", key);
        await using var db = store.Factory.CreateDbContext();
        var row = await db.ApiKeys.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(("county-portal", AccountRoles.Viewer, "360103"), (row.Name, row.Role, row.DepartmentCode));
        Assert.Equal(ApiKeySecret.PrefixOf(key), row.Prefix);
        Assert.Equal(ApiKeySecret.Hash(key), row.KeyHash);
        Assert.Equal(TimeSpan.FromDays(30), row.ExpiresAt - row.CreatedAt);
        var entries = await db.AuditEntries.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(AuditActs.ApiKeyCreate, Assert.Single(entries).Act);
        Assert.DoesNotContain(key, entries[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiKeyRevoke_MarksTheKeyRevoked_AndASecondRevokeExitsOne()
    {
        await using var store = TestStore.Sqlite();
        var create = await Ssj.RunAsync("apikey", "create", "--name", "tax-bureau", "--role", "administrator", "--data-dir", store.Options.DataDirectory!);

        var revoke = await Ssj.RunAsync("apikey", "revoke", "--name", "tax-bureau", "--data-dir", store.Options.DataDirectory!);
        var again = await Ssj.RunAsync("apikey", "revoke", "--name", "tax-bureau", "--data-dir", store.Options.DataDirectory!);
        var list = await Ssj.RunAsync("apikey", "list", "--data-dir", store.Options.DataDirectory!);

        Assert.True(create.Exit == 0, create.Error);
        Assert.True(revoke.Exit == 0, revoke.Error);
        Assert.Equal(1, again.Exit);
        Assert.Contains("revoked", list.Output, StringComparison.Ordinal);
        await using var db = store.Factory.CreateDbContext();
        Assert.NotNull((await db.ApiKeys.AsNoTracking().SingleAsync(Ct)).RevokedAt);
        Assert.Equal([AuditActs.ApiKeyCreate, AuditActs.ApiKeyRevoke], await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Select(e => e.Act).ToListAsync(Ct));
    }

    [Fact]
    public async Task ApiKeyCreate_BadRole_ExitsTwo()
    {
        await using var store = TestStore.Sqlite();

        var (exit, _, _) = await Ssj.RunAsync("apikey", "create", "--name", "x", "--role", "superuser", "--data-dir", store.Options.DataDirectory!);

        Assert.Equal(2, exit);
    }
}
