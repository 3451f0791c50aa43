using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Access;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Cli.Access;

/// <summary>
/// <c>ssj user</c> and <c>ssj apikey</c>: the hub's local accounts and machine clients' API keys, written straight to
/// the hub's store. Every act is audited as <c>cli:&lt;user&gt;</c>; no password or key goes to the audit trail or log.
/// </summary>
internal static class AccessCommands
{

    public static Command User() => new("user", "Local accounts of the dashboard and API (账户).")
    {
        AddUser(),
        ListUsers(),
        ResetSecondFactor(),
    };

    public static Command ApiKeys() => new("apikey", "API keys of machine clients, sent in the X-Api-Key header (接口密钥).")
    {
        CreateKey(),
        RevokeKey(),
        ListKeys(),
    };

    private static Option<string> RoleOption() => new("--role") { Description = "administrator (acts) or viewer (reads).", Required = true };

    private static Option<string?> DepartmentOption() => new("--department") { Description = "Department code the account or key is scoped to (with every department below it); default: the whole province." };

    /// <summary>The trimmed --name (1 to 64 characters) and the role --role names, or null after saying which is wrong.</summary>
    private static async Task<(string Name, string Role)?> NameAndRoleAsync(ParseResult parse, Option<string> name, Option<string> role, TextWriter error)
    {
        var chosenName = parse.GetRequiredValue(name).Trim();
        if (ParseRole(parse.GetRequiredValue(role)) is not { } chosenRole)
        {
            await error.WriteLineAsync($"--role: '{parse.GetRequiredValue(role)}' is not administrator or viewer.");
            return null;
        }

        if (chosenName.Length is 0 or > 64)
        {
            await error.WriteLineAsync("--name: 1 to 64 characters.");
            return null;
        }

        return (chosenName, chosenRole);
    }

    private static Command AddUser()
    {
        var name = new Option<string>("--name") { Description = "The account name used to log in.", Required = true };
        var role = RoleOption();
        var department = DepartmentOption();
        var password = new Option<string>("--password") { Description = $"The initial password; it must be changed at the first login ({PasswordRule.DescriptionEn}).", Required = true };
        var command = new Command("add", "Create an account with an initial password that must be changed at the first login.") { name, role, department, password };
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (await NameAndRoleAsync(parse, name, role, error) is not { } chosen)
            {
                return ExitCodes.UsageError;
            }

            var (accountName, accountRole) = chosen;

            if (PasswordRule.Check(accountName, parse.GetRequiredValue(password)) is { } problem)
            {
                await error.WriteLineAsync($"ssj: refused, the {problem.English}.");
                return ExitCodes.Findings;
            }

            await using var services = store.BuildServices(parse);
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            if (await db.Accounts.AnyAsync(a => a.Name == accountName, ct))
            {
                await error.WriteLineAsync($"ssj: an account named '{accountName}' already exists.");
                return ExitCodes.Findings;
            }

            var departmentCode = parse.GetValue(department);
            await WarnOnUnknownDepartmentAsync(db, departmentCode, error, ct);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var account = new Account
            {
                Name = accountName, PasswordHash = "", Role = accountRole, DepartmentCode = departmentCode, MustChangePassword = true,
                PasswordChangedAt = now, CreatedAt = now,
            };
            account.PasswordHash = new PasswordHasher<Account>().HashPassword(account, parse.GetRequiredValue(password));
            db.Accounts.Add(account);
            await db.SaveChangesAsync(ct);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditRecord(CliActor.Name, AuditActs.AccountCreate, $"account:{accountName}", Detail: $"role {accountRole}, department {departmentCode ?? "(whole province)"}, initial password to change at first login"),
                ct);
            parse.InvocationConfiguration.Output.WriteLine($"Created {accountRole} account '{accountName}' ({departmentCode ?? "whole province"}); the password must be changed at the first login.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListUsers()
    {
        var command = new Command("list", "List the accounts: name, role, department, state (no secrets).");
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var services = store.BuildServices(parse);
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            var output = parse.InvocationConfiguration.Output;
            foreach (var a in (await db.Accounts.AsNoTracking().ToListAsync(ct)).OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                var state = string.Join(", ", new[]
                {
                    a.Disabled ? "disabled" : null,
                    a.MustChangePassword ? "must change password" : null,
                    a.TotpEnrolledAt is null ? null : "TOTP enrolled",
                }.Where(s => s is not null));
                output.WriteLine($"{a.Name}\t{a.Role}\t{a.DepartmentCode ?? "-"}\tpassword changed {a.PasswordChangedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\t{state}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ResetSecondFactor()
    {
        var name = new Option<string>("--name") { Description = "The account whose TOTP authenticator is lost.", Required = true };
        var command = new Command("reset-second-factor", "Remove an account's TOTP enrolment: an administrator enrols a new authenticator at the next login.") { name };
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var accountName = parse.GetRequiredValue(name).Trim();
            await using var services = store.BuildServices(parse);
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            if (await db.Accounts.FirstOrDefaultAsync(a => a.Name == accountName, ct) is not { } account)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ssj: no account named '{accountName}'.");
                return ExitCodes.Findings;
            }

            account.TotpSecret = null;
            account.TotpEnrolledAt = null;
            account.TotpLastStep = null;
            await db.SaveChangesAsync(ct);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditRecord(CliActor.Name, AuditActs.AccountChange, $"account:{accountName}", Detail: "TOTP second factor reset"), ct);
            parse.InvocationConfiguration.Output.WriteLine($"The second factor of '{accountName}' was reset; an administrator enrols a new one at the next login.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateKey()
    {
        var name = new Option<string>("--name") { Description = "A unique name for the client system, e.g. county-portal.", Required = true };
        var role = RoleOption();
        var department = DepartmentOption();
        var expiresDays = new Option<int?>("--expires-days") { Description = "Days until the key expires (1 to 3650); default: no expiry." };
        var command = new Command("create", "Create an API key; it is printed once, alone on the last line, and only its hash is stored.") { name, role, department, expiresDays };
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (await NameAndRoleAsync(parse, name, role, error) is not { } chosen)
            {
                return ExitCodes.UsageError;
            }

            var (keyName, keyRole) = chosen;

            if (parse.GetValue(expiresDays) is { } days && days is < 1 or > 3650)
            {
                await error.WriteLineAsync("--expires-days: 1 to 3650.");
                return ExitCodes.UsageError;
            }

            await using var services = store.BuildServices(parse);
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            if (await db.ApiKeys.AnyAsync(k => k.Name == keyName, ct))
            {
                await error.WriteLineAsync($"ssj: an API key named '{keyName}' already exists (revoke it and choose another name).");
                return ExitCodes.Findings;
            }

            var departmentCode = parse.GetValue(department);
            await WarnOnUnknownDepartmentAsync(db, departmentCode, error, ct);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var (key, prefix, hash) = ApiKeySecret.Create();
            var row = new ApiKey
            {
                Name = keyName, Role = keyRole, DepartmentCode = departmentCode, Prefix = prefix, KeyHash = hash, CreatedBy = CliActor.Name, CreatedAt = now,
                ExpiresAt = parse.GetValue(expiresDays) is { } valid ? now.AddDays(valid) : null,
            };
            db.ApiKeys.Add(row);
            await db.SaveChangesAsync(ct);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(
                new AuditRecord(CliActor.Name, AuditActs.ApiKeyCreate, $"apikey:{keyName}", Detail: $"role {keyRole}, department {departmentCode ?? "(whole province)"}, prefix {prefix}, expires {row.ExpiresAt?.ToString("O", CultureInfo.InvariantCulture) ?? "never"}"),
                ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Created {keyRole} API key '{keyName}' ({departmentCode ?? "whole province"}), expires {row.ExpiresAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never"}.");
            output.WriteLine("Send it in the X-Api-Key header. It is shown only now; store it in the client's secret store:");
            output.WriteLine(key);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command RevokeKey()
    {
        var name = new Option<string>("--name") { Description = "The key to revoke.", Required = true };
        var command = new Command("revoke", "Revoke an API key: the hub refuses it from the next request.") { name };
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var keyName = parse.GetRequiredValue(name).Trim();
            await using var services = store.BuildServices(parse);
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            var row = await db.ApiKeys.FirstOrDefaultAsync(k => k.Name == keyName, ct);
            if (row is null || row.RevokedAt is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(row is null ? $"ssj: no API key named '{keyName}'." : $"ssj: the API key '{keyName}' is already revoked.");
                return ExitCodes.Findings;
            }

            row.RevokedAt = services.GetRequiredService<TimeProvider>().GetUtcNow();
            await db.SaveChangesAsync(ct);
            await services.GetRequiredService<IAuditTrail>().RecordAsync(new AuditRecord(CliActor.Name, AuditActs.ApiKeyRevoke, $"apikey:{keyName}", Detail: $"prefix {row.Prefix}"), ct);
            parse.InvocationConfiguration.Output.WriteLine($"Revoked API key '{keyName}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ListKeys()
    {
        var command = new Command("list", "List the API keys: name, role, department, prefix, expiry, revocation, last use (never the key).");
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var services = store.BuildServices(parse);
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            await using var db = services.GetRequiredService<HubDbContextFactory>().CreateDbContext();
            var output = parse.InvocationConfiguration.Output;
            foreach (var k in (await db.ApiKeys.AsNoTracking().ToListAsync(ct)).OrderBy(k => k.Name, StringComparer.Ordinal))
            {
                output.WriteLine(string.Join('\t',
                    k.Name, k.Role, k.DepartmentCode ?? "-", $"ssj_{k.Prefix}_…",
                    $"expires {k.ExpiresAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never"}",
                    k.RevokedAt is { } revoked ? $"revoked {revoked.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "active",
                    $"last used {k.LastUsedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The stored role for <c>administrator</c> or <c>viewer</c> (any case), else null.</summary>
    internal static string? ParseRole(string role) => role.Trim().ToLowerInvariant() switch
    {
        "administrator" => AccountRoles.Administrator,
        "viewer" => AccountRoles.Viewer,
        _ => null,
    };

    /// <summary>A code the store does not know is accepted (the province may not be loaded yet) but named on stderr.</summary>
    private static async Task WarnOnUnknownDepartmentAsync(HubDbContext db, string? code, TextWriter error, CancellationToken cancellationToken)
    {
        if (code is not null && !await db.Departments.AnyAsync(d => d.Code == code, cancellationToken))
        {
            await error.WriteLineAsync($"warning: department '{code}' is not in the store (yet); the scope applies once it is.");
        }
    }
}
