using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Storage.Protection;

/// <summary>
/// Where the data key comes from: <c>Security:DataKey</c> (configuration, environment, user secrets); in production
/// nothing else. Elsewhere (development, the embedded default, tests) a missing key is generated once into
/// <c>{Storage:DataDirectory}/data-key</c> with a warning, so the embedded hub runs out of the box and every tool
/// pointed at the same data folder reads the same data. That file is next to the data, never in the repository.
/// </summary>
public static class DataKeys
{
    /// <summary>The file name of the generated development key inside the data folder.</summary>
    public const string FileName = "data-key";

    /// <summary>Builds the cipher from <paramref name="security"/>, or from the data folder's key outside production.</summary>
    /// <exception cref="OptionsValidationException">A key is not Base64 of 16 bytes, or production has no key; the message names the key.</exception>
    public static FieldCipher Load(SecurityOptions security, StorageOptions storage, bool production, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(storage);
        var failures = new List<string>();
        var retired = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, value) in security.RetiredDataKeys)
        {
            if (Parse(value) is { } key)
            {
                retired[id] = key;
            }
            else
            {
                failures.Add($"{SecurityOptions.SectionName}:RetiredDataKeys:{id} must be Base64 of 16 bytes (128 bits).");
            }
        }

        byte[]? current;
        if (!string.IsNullOrWhiteSpace(security.DataKey))
        {
            current = Parse(security.DataKey);
            if (current is null)
            {
                failures.Add($"{SecurityOptions.SectionName}:DataKey must be Base64 of 16 bytes (128 bits); `ssj security new-key` prints one.");
            }
        }
        else if (production)
        {
            current = null;
            failures.Add($"{SecurityOptions.SectionName}:DataKey is required in production: set it in the environment (Security__DataKey) or a secret store, Base64 of 16 random bytes; `ssj security new-key` prints one.");
        }
        else
        {
            current = FromDataDirectory(storage.DataDirectory, logger);
        }

        if (failures.Count > 0 || current is null)
        {
            throw new OptionsValidationException(SecurityOptions.SectionName, typeof(SecurityOptions), failures);
        }

        try
        {
            return new FieldCipher(security.DataKeyId, current, retired);
        }
        catch (ArgumentException ex)
        {
            throw new OptionsValidationException(SecurityOptions.SectionName, typeof(SecurityOptions), [$"{SecurityOptions.SectionName}: {ex.Message}"]);
        }
    }

    private static byte[]? Parse(string value)
    {
        try
        {
            var bytes = Convert.FromBase64String(value.Trim());
            return bytes.Length == 16 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] FromDataDirectory(string dataDirectory, ILogger? logger)
    {
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var text = SecretFiles.ReadOrCreate(path, () => FieldCipher.NewKey() + Environment.NewLine, out var created);
        if (created)
        {
            logger?.LogWarning("No Security:DataKey configured: generated a data key into {Path}. Fine for development; in production set Security:DataKey, and back this file up with the data it encrypts", path);
        }

        return Parse(text)
            ?? throw new OptionsValidationException(SecurityOptions.SectionName, typeof(SecurityOptions), [$"The generated data key file in Storage:DataDirectory ({FileName}) is damaged; restore it from backup or set Security:DataKey."]);
    }
}
