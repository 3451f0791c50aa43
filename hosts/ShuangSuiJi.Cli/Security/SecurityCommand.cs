using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Protection;

namespace ShuangSuiJi.Cli.Security;

/// <summary><c>ssj security new-key</c> and <c>ssj security reencrypt</c>: the data key that encrypts ID and phone numbers at rest.</summary>
internal static class SecurityCommand
{
    public static Command Create() => new("security", "The data key of the encrypted columns (数据加密密钥): make one, re-encrypt after a rotation.")
    {
        NewKey(),
        Reencrypt(),
    };

    private static Command NewKey()
    {
        var command = new Command("new-key", "Print a fresh random data key (Base64 of 16 bytes) for Security:DataKey. Keep it in a secret store, never in a file under version control.");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(FieldCipher.NewKey());
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Reencrypt()
    {
        var command = new Command(
            "reencrypt",
            "Rewrite every encrypted value under the current Security:DataKey/DataKeyId and recompute the blind indexes; earlier keys must be listed under Security:RetiredDataKeys:<id> until this has run. Stop the hubs first.");
        var store = new StoreOptionsBinding();
        store.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var services = store.BuildServices(parse);
            var factory = services.GetRequiredService<HubDbContextFactory>();
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            var counts = await StoreReencryption.RunAsync(factory, ct);
            var output = parse.InvocationConfiguration.Output;
            foreach (var (table, count) in counts)
            {
                output.WriteLine($"{table}: {count:N0} rows rewritten under key '{factory.Cipher.CurrentKeyId}'");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
