using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Storage;

/// <summary>Rules across <see cref="StorageOptions"/> fields; reports every failure at once, naming the configuration key.</summary>
internal sealed class ValidateStorageOptions : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        const string Section = StorageOptions.SectionName;
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Section}:Provider '{options.Provider}' is not one of {string.Join(", ", Enum.GetNames<StorageProvider>())}.");
        }
        else if (options.Provider != StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{Section}:ConnectionString is required when {Section}:Provider is {options.Provider}.");
        }

        if (options.Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{Section}:DataDirectory is required for SQLite when {Section}:ConnectionString is not set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
