using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// Local accounts: password check with lockout, the sign-in steps that follow it, password change under
/// <see cref="PasswordRule"/> and the first administrator. Passwords are kept only as ASP.NET Core Identity's PBKDF2
/// hash. Every login, refusal and change goes to the audit trail, never with a password.
/// </summary>
internal sealed partial class AccountService(
    HubDbContextFactory stores,
    AccountSessions sessions,
    TimeProvider timeProvider,
    IOptions<AccessOptions> options,
    IAuditTrail audit,
    ILogger<AccountService> logger)
{
    /// <summary>Failed logins (passwords or second-factor codes) in a row that lock an account.</summary>
    public const int MaxFailedLogins = 5;

    /// <summary>Actor of the acts the hub does by itself (the first administrator).</summary>
    public const string SystemActor = "system";

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<Account> Hasher = new();

    // Checked against for unknown or disabled names, so a login costs the same whether or not the name exists.
    private static readonly string DummyHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));

    /// <summary>What a login attempt came to: the account and its next step, or the problem in words.</summary>
    public sealed record LoginOutcome(Account? Account, string? Problem, DateTimeOffset? LockedUntil = null, SignInStep Step = SignInStep.None);

    public async Task<LoginOutcome> CheckPasswordAsync(string name, string password, string? address, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Name == name, cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (account is null || account.Disabled)
        {
            // Same answer, and the same hashing work, as a wrong password: the form does not reveal which names exist.
            _ = Hasher.VerifyHashedPassword(null!, DummyHash, password);
            await AuditAsync(name, AuditActs.Login, AuditOutcomes.Refused, account is null ? "unknown account" : "account disabled", address, cancellationToken);
            return new LoginOutcome(null, "用户名或密码错误");
        }

        if (account.LockedUntil is { } until && until > now)
        {
            await AuditAsync(name, AuditActs.Login, AuditOutcomes.Refused, $"account locked until {until:O}", address, cancellationToken);
            return new LoginOutcome(null, "连续登录失败次数过多，账户已锁定", until);
        }

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var locked = RegisterFailure(account, now);
            await db.SaveChangesAsync(cancellationToken);
            if (locked)
            {
                sessions.Forget(account.Id); // a locked account's open sessions end with the lock
            }

            await AuditAsync(name, AuditActs.Login, AuditOutcomes.Refused, locked ? $"wrong password; locked until {account.LockedUntil:O} after {MaxFailedLogins} failures" : "wrong password", address, cancellationToken);
            return locked ? new LoginOutcome(null, "连续登录失败次数过多，账户已锁定", account.LockedUntil) : new LoginOutcome(null, "用户名或密码错误");
        }

        account.FailedLogins = 0;
        account.LockedUntil = null;
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hasher.HashPassword(account, password);
        }

        await db.SaveChangesAsync(cancellationToken);
        var step = NextStep(account, secondFactorVerified: false);
        await AuditAsync(name, AuditActs.Login, AuditOutcomes.Succeeded, step == SignInStep.None ? "password accepted; session opened" : $"password accepted; next step {step}", address, cancellationToken);
        return new LoginOutcome(account, null, Step: step);
    }

    /// <summary>The step the account must take next, given whether this session already proved its second factor.</summary>
    public SignInStep NextStep(Account account, bool secondFactorVerified)
    {
        var enrolled = account.TotpEnrolledAt is not null;
        if (enrolled && !secondFactorVerified)
        {
            return SignInStep.SecondFactor;
        }

        if (account.MustChangePassword || PasswordExpired(account))
        {
            return SignInStep.PasswordChange;
        }

        return !enrolled && RequiresSecondFactor(account) ? SignInStep.SecondFactorEnrolment : SignInStep.None;
    }

    public bool RequiresSecondFactor(Account account) =>
        options.Value.RequireSecondFactorForAdministrators && account.Role == AccountRoles.Administrator;

    /// <summary>True when the password is older than <see cref="AccessOptions.PasswordMaxAgeDays"/>.</summary>
    public bool PasswordExpired(Account account) =>
        account.PasswordChangedAt + TimeSpan.FromDays(options.Value.PasswordMaxAgeDays) <= timeProvider.GetUtcNow();

    /// <summary>Counts a failed password or code; at <see cref="MaxFailedLogins"/> locks the account (answers true).</summary>
    public bool RegisterFailure(Account account, DateTimeOffset now)
    {
        account.FailedLogins++;
        if (account.FailedLogins < MaxFailedLogins)
        {
            return false;
        }

        account.FailedLogins = 0;
        account.LockedUntil = now + LockoutDuration;
        AccountLocked(logger, account.Name, account.LockedUntil.Value);
        return true;
    }

    /// <summary>Changes the password after checking the current one; answers the problem in words, or null when done.</summary>
    public async Task<(Account? Account, string? Problem)> ChangePasswordAsync(long id, string current, string next, string confirmation, string? address, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (account is null || account.Disabled)
        {
            return (null, "账户不存在或已停用");
        }

        var problem = Hasher.VerifyHashedPassword(account, account.PasswordHash, current) == PasswordVerificationResult.Failed
            ? ("current password wrong", "当前密码不正确")
            : PasswordProblem(account.Name, current, next, confirmation);
        if (problem is { } refused)
        {
            await AuditAsync(account.Name, AuditActs.PasswordChange, AuditOutcomes.Refused, refused.English, address, cancellationToken);
            return (null, refused.Chinese);
        }

        account.PasswordHash = Hasher.HashPassword(account, next);
        var wasForced = account.MustChangePassword ? "initial or reset password" : PasswordExpired(account) ? "expired password" : "voluntary";
        account.MustChangePassword = false;
        account.PasswordChangedAt = timeProvider.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        sessions.Forget(account.Id); // the new cookie's stamp must be accepted at once
        await AuditAsync(account.Name, AuditActs.PasswordChange, AuditOutcomes.Succeeded, wasForced, address, cancellationToken);
        return (account, null);
    }

    /// <summary>Why a new password is refused, in English (audit) and Chinese (form); null when it is accepted.</summary>
    public static (string English, string Chinese)? PasswordProblem(string name, string current, string next, string confirmation) =>
        next != confirmation ? ("confirmation differs", "两次输入的新密码不一致")
        : next == current ? ("same as the current password", "新密码不能与当前密码相同")
        : PasswordRule.Check(name, next) is { } broken ? (broken.English, broken.Chinese)
        : null;

    /// <summary>Creates an account; tests and the first start use it (the CLI's <c>ssj user add</c> writes the same row).</summary>
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

        await audit.RecordAsync(new AuditRecord(SystemActor, AuditActs.AccountCreate, "account:admin", Detail: "first start: role Administrator, whole province, one-time password (logged once)"), cancellationToken);
        FirstAdministratorCreated(logger, "admin", password);
    }

    private async Task<bool> AnyAccountAsync(CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        return await db.Accounts.AnyAsync(cancellationToken);
    }

    /// <summary>An audit entry for an act of account <paramref name="name"/> on itself.</summary>
    public Task AuditAsync(string name, string act, string outcome, string? detail, string? address, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditRecord(name is { Length: > 0 } ? name : "(empty)", act, $"account:{name}", outcome, detail, address), cancellationToken);

    /// <summary>
    /// 16 characters from an alphabet without look-alikes (0/O, 1/l/I), from the OS's random source, in groups joined
    /// by hyphens so that the one-time password itself follows <see cref="PasswordRule"/>.
    /// </summary>
    public static string RandomPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        while (true)
        {
            var password = string.Create(CultureInfo.InvariantCulture, $"{RandomNumberGenerator.GetString(alphabet, 5)}-{RandomNumberGenerator.GetString(alphabet, 5)}-{RandomNumberGenerator.GetString(alphabet, 4)}");
            if (PasswordRule.Check("admin", password) is null)
            {
                return password;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIRST START: created the administrator account {Name} with the one-time password {Password} . Log in at /login and change it; this password is shown only this once.")]
    private static partial void FirstAdministratorCreated(ILogger logger, string name, string password);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {Name} locked until {LockedUntil} after repeated failed logins")]
    private static partial void AccountLocked(ILogger logger, string name, DateTimeOffset lockedUntil);
}
