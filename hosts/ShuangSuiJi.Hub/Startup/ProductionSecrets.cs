using System.Data.Common;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Hub.Startup;

/// <summary>
/// The secrets the hub reads, and the refusal to run in production with one missing or left at a known default.
/// Secrets come from the environment (<c>Security__DataKey</c>), user secrets or a secret store; the repository
/// holds none. Checked: <c>Security:DataKey</c>; each configured partner's <see cref="IPartnerModule.SecretKeys"/>;
/// the password in <c>Bus:RabbitMqUri</c> when the bus is RabbitMQ; the password in the store's and Hangfire's
/// connection strings when they have one; and that the in-process simulators (development secrets) are off.
/// </summary>
internal static class ProductionSecrets
{
    /// <summary>
    /// Known default and sample values, the one list: placeholders people paste, vendor defaults (RabbitMQ's guest,
    /// PostgreSQL's postgres), an all-zero key, plus the simulators' development secrets, read from the simulators
    /// themselves so the two cannot drift apart. Compared ignoring case.
    /// </summary>
    public static IReadOnlySet<string> KnownDefaults(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string[] samples =
        [
            "changeme", "change-me", "change_me", "changeit", "secret", "password", "passw0rd", "p@ssw0rd", "123456", "12345678",
            "admin", "root", "test", "guest", "postgres", "sa", "example", "sample", "default", "dev", "development", "todo", "xxx",
            "AAAAAAAAAAAAAAAAAAAAAA==", "MDEyMzQ1Njc4OWFiY2RlZg==", // sixteen zero bytes; "0123456789abcdef"
        ];
        return new HashSet<string>(samples.Concat(IPartnerStandIns.DevelopmentSecretsOf(configuration["Simulators:Assembly"] ?? "ShuangSuiJi.Simulators")), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every problem with the secrets, one line each naming its configuration key (never its value).</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IReadOnlyList<IPartnerModule> modules)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(modules);
        var known = KnownDefaults(configuration);
        var failures = new List<string>();
        void Check(string key, string? value, bool required = true)
        {
            var where = $"set it in the environment ({key.Replace(":", "__", StringComparison.Ordinal)}) or a secret store, never in a file under version control";
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    failures.Add($"{key} is required in production: {where}.");
                }
            }
            else if (known.Contains(value.Trim()))
            {
                failures.Add($"{key} is a known default or sample value and is refused in production: {where}.");
            }
        }

        Check("Security:DataKey", configuration["Security:DataKey"]);
        var configured = modules.Where(m => PartnerModules.IsConfigured(m, configuration)).ToList();
        if (configured.Count == 0 && configuration.GetValue("Simulators:Enabled", true))
        {
            failures.Add("Simulators:Enabled must be false in production: the in-process partner simulators run on development secrets. Configure the partners (each section's BaseUrl and credentials) or set Simulators:Enabled=false.");
        }

        foreach (var module in configured)
        {
            foreach (var key in module.SecretKeys)
            {
                Check($"{module.ConfigurationSection}:{key}", configuration[$"{module.ConfigurationSection}:{key}"]);
            }
        }

        if (string.Equals(configuration["Bus:Transport"], "RabbitMq", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(configuration["Bus:RabbitMqUri"], UriKind.Absolute, out var broker))
        {
            // RabbitMQ's own default is guest:guest, which is what an address without credentials means.
            var password = broker.UserInfo.Split(':', 2) is [_, var p] ? Uri.UnescapeDataString(p) : "guest";
            Check("Bus:RabbitMqUri (its password)", password);
        }

        foreach (var key in (string[])["Storage:ConnectionString", "Hangfire:ConnectionString"])
        {
            if (PasswordIn(configuration[key]) is { } password)
            {
                Check($"{key} (its password)", password);
            }
        }

        return failures;
    }

    /// <summary>Stops the start when <see cref="Problems"/> finds any; the host reports each line and exits with 2.</summary>
    /// <exception cref="OptionsValidationException">A secret is missing or a known default.</exception>
    public static void ThrowIfUnsafe(IConfiguration configuration, IReadOnlyList<IPartnerModule> modules)
    {
        if (Problems(configuration, modules) is { Count: > 0 } problems)
        {
            throw new OptionsValidationException("Security", typeof(ProductionSecrets), problems);
        }
    }

    private static string? PasswordIn(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return builder.TryGetValue("Password", out var p) || builder.TryGetValue("Pwd", out p) ? p?.ToString() : null;
        }
        catch (ArgumentException)
        {
            return null; // a malformed string fails in the store's own validation, naming its key
        }
    }
}
