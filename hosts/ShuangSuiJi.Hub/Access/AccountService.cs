using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// Local accounts: password check with lockout, password change, and the first administrator. Passwords are kept
/// only as ASP.NET Core Identity's PBKDF2 hash.
/// </summary>
internal sealed partial class AccountService(HubDbContextFactory stores, AccountSessions sessions, TimeProvider timeProvider, ILogger<AccountService> logger)
{
    /// <summary>Failed logins in a row that lock an account.</summary>
    public const int MaxFailedLogins = 5;

    public const int MinPasswordLength = 10;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<Account> Hasher = new();

    // Checked against for unknown or disabled names, so a login costs the same whether or not the name exists.
    private static readonly string DummyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));

    /// <summary>What a login attempt came to.</summary>
    public sealed record LoginOutcome(Account? Account, string? Problem, DateTimeOffset? LockedUntil = null);

    public async Task<LoginOutcome> CheckPasswordAsync(string name, string password, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Name == name, cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (account is null || account.Disabled)
        {
            // Same answer, and the same hashing work, as a wrong password: the form does not reveal which names exist.
            _ = Hasher.VerifyHashedPassword(null!, DummyHash, password);
            return new LoginOutcome(null, "用户名或密码错误");
        }

        if (account.LockedUntil is { } until && until > now)
        {
            return new LoginOutcome(null, "连续登录失败次数过多，账户已锁定", until);
        }

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            account.FailedLogins++;
            if (account.FailedLogins >= MaxFailedLogins)
            {
                account.FailedLogins = 0;
                account.LockedUntil = now + LockoutDuration;
                AccountLocked(logger, account.Name, account.LockedUntil.Value);
                await db.SaveChangesAsync(cancellationToken);
                sessions.Forget(account.Id); // a locked account's open sessions end with the lock
                return new LoginOutcome(null, "连续登录失败次数过多，账户已锁定", account.LockedUntil);
            }

            await db.SaveChangesAsync(cancellationToken);
            return new LoginOutcome(null, "用户名或密码错误");
        }

        account.FailedLogins = 0;
        account.LockedUntil = null;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hasher.HashPassword(account, password);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new LoginOutcome(account, null);
    }

    /// <summary>Changes the password after checking the current one; answers the problem in words, or null when done.</summary>
    public async Task<(Account? Account, string? Problem)> ChangePasswordAsync(long id, string current, string next, string confirmation, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null || account.Disabled)
        {
            return (null, "账户不存在或已停用");
        }

        if (Hasher.VerifyHashedPassword(account, account.PasswordHash, current) == PasswordVerificationResult.Failed)
        {
            return (null, "当前密码不正确");
        }

        if (PasswordProblem(account.Name, current, next, confirmation) is { } problem)
        {
            return (null, problem);
        }

        account.PasswordHash = Hasher.HashPassword(account, next);
        account.MustChangePassword = false;
        account.PasswordChangedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(account.Id); // the new cookie's stamp must be accepted at once
        return (account, null);
    }

    public static string? PasswordProblem(string name, string current, string next, string confirmation) =>
        next.Length < MinPasswordLength ? $"新密码至少 {MinPasswordLength} 个字符"
        : next != confirmation ? "两次输入的新密码不一致"
        : next == current ? "新密码不能与当前密码相同"
        : next.Contains(name, StringComparison.OrdinalIgnoreCase) ? "新密码不能包含用户名"
        : null;

    /// <summary>Creates an account; tests and the first start use it (an account page comes later).</summary>
    public async Task<Account> CreateAsync(string name, string password, string role, string? departmentCode, bool mustChangePassword, CancellationToken cancellationToken)
    {
        if (!AccountRoles.IsKnown(role))
        {
            throw new ArgumentException($"Unknown role '{role}'.", nameof(role));
        }

        var now = timeProvider.GetUtcNow();
        var account = new Account
        {
            Name = name, PasswordHash = "", Role = role, DepartmentCode = departmentCode, MustChangePassword = mustChangePassword,
            PasswordChangedAt = now, CreatedAt = now,
        };
        account.PasswordHash = Hasher.HashPassword(account, password);
        await using var db = stores.CreateDbContext();
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return account;
    }

    /// <summary>
    /// At the first start (no account at all) creates <c>admin</c> with a random password that must be changed at
    /// the first login, and logs that password once: it is the only way in.
    /// </summary>
    public async Task EnsureFirstAdministratorAsync(CancellationToken cancellationToken)
    {
        await using (var db = stores.CreateDbContext())
        {
            if (await db.Accounts.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var password = RandomPassword();
        try
        {
            await CreateAsync("admin", password, AccountRoles.Administrator, departmentCode: null, mustChangePassword: true, cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (await AnyAccountAsync(cancellationToken))
            {
                // Another hub instance created it first; its log holds the password.
                return;
            }

            throw;
        }

        FirstAdministratorCreated(logger, "admin", password);
    }

    private async Task<bool> AnyAccountAsync(CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        return await db.Accounts.AnyAsync(cancellationToken);
    }

    /// <summary>16 characters from an alphabet without look-alikes (0/O, 1/l/I), from the OS's random source.</summary>
    public static string RandomPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIRST START: created the administrator account {Name} with the one-time password {Password} . Log in at /login and change it; this password is shown only this once.")]
    private static partial void FirstAdministratorCreated(ILogger logger, string name, string password);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Name} locked until {LockedUntil} after repeated failed logins")]
    private static partial void AccountLocked(ILogger logger, string name, DateTimeOffset lockedUntil);
}
