using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using QRCoder;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Access;

/// <summary>
/// The TOTP second factor (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, one step of drift either way). The
/// secret is stored protected with the hub's data-protection keys; a code is accepted once only (a later step than
/// the last accepted one), and wrong codes count towards the account's lockout as wrong passwords do.
/// </summary>
internal sealed class SecondFactorService(
    HubDbContextFactory stores,
    TimeProvider timeProvider,
    AccountService accounts,
    IDataProtectionProvider dataProtection)
{
    /// <summary>The issuer shown in authenticator apps.</summary>
    public const string Issuer = "ShuangSuiJi";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("ShuangSuiJi.Hub.Access.Totp");

    /// <summary>What the enrolment page shows: the Base32 secret, the <c>otpauth://</c> URI and that URI as a PNG QR code.</summary>
    public sealed record Enrolment(string Secret, string Uri, byte[] QrPng);

    /// <summary>
    /// The pending secret of an account that has not yet confirmed its enrolment, created on first call; null when
    /// the account is unknown or already enrolled.
    /// </summary>
    public async Task<Enrolment?> EnrolmentAsync(long accountId, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || account.TotpEnrolledAt is not null)
        {
            return null;
        }

        if (account.TotpSecret is null)
        {
            account.TotpSecret = _protector.Protect(Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20)));
            await db.SaveChangesAsync(cancellationToken);
        }

        var secret = _protector.Unprotect(account.TotpSecret);
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(account.Name)}?secret={secret}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new Enrolment(secret, uri, new PngByteQRCode(data).GetGraphic(5));
    }

    /// <summary>
    /// Checks <paramref name="code"/> against the account's secret: completes an enrolment (<paramref name="enrolling"/>)
    /// or a login. Answers the account, or the problem in words.
    /// </summary>
    public async Task<(Account? Account, string? Problem)> VerifyAsync(long accountId, string code, bool enrolling, string? address, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        var what = enrolling ? "enrolment" : "verification";
        if (account is null || account.Disabled || account.TotpSecret is null || (account.TotpEnrolledAt is null) != enrolling)
        {
            return (null, "账户不存在、已停用或未处于此步骤，请重新登录");
        }

        var now = timeProvider.GetUtcNow();
        if (account.LockedUntil is { } until && until > now)
        {
            await accounts.AuditAsync(account.Name, AuditActs.SecondFactor, AuditOutcomes.Refused, $"{what}: account locked until {until:O}", address, cancellationToken);
            return (null, $"连续验证失败次数过多，账户已锁定，请于 {until.ToOffset(TimeSpan.FromHours(8)):HH:mm} 后再试");
        }

        code = code.Trim().Replace(" ", "", StringComparison.Ordinal);
        var totp = new Totp(Base32Encoding.ToBytes(_protector.Unprotect(account.TotpSecret)));
        var valid = code.Length == 6 && code.All(char.IsAsciiDigit)
            && totp.VerifyTotp(now.UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))
            ? step
            : (long?)null;
        string? refusal = valid is null ? "wrong code" : valid <= account.TotpLastStep ? "code already used" : null;
        if (refusal is not null)
        {
            var locked = accounts.RegisterFailure(account, now);
            await db.SaveChangesAsync(cancellationToken);
            await accounts.AuditAsync(account.Name, AuditActs.SecondFactor, AuditOutcomes.Refused, locked ? $"{what}: {refusal}; locked until {account.LockedUntil:O}" : $"{what}: {refusal}", address, cancellationToken);
            return (null, locked ? "连续验证失败次数过多，账户已锁定" : refusal == "wrong code" ? "动态验证码错误" : "该动态验证码已使用过，请等待下一个验证码");
        }

        account.TotpLastStep = valid;
        account.FailedLogins = 0;
        account.LockedUntil = null;
        if (enrolling)
        {
            account.TotpEnrolledAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await accounts.AuditAsync(account.Name, AuditActs.SecondFactor, AuditOutcomes.Succeeded, enrolling ? "TOTP enrolled" : "TOTP verified", address, cancellationToken);
        return (account, null);
    }
}
