using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Protection;

namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>
/// The key that signs evaluation links: <c>Security:EvaluationLinkKey</c>, else a random key generated once into the
/// data folder (never into the repository) and read from there by every later start.
/// </summary>
internal sealed partial class EvaluationLinkKey
{
    public const string FileName = "evaluation-link.key";

    private readonly Lazy<byte[]> _key;

    public EvaluationLinkKey(IOptions<EvaluationLinkOptions> options, IOptions<StorageOptions> storage, ILogger<EvaluationLinkKey> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        _key = new Lazy<byte[]>(() => options.Value.EvaluationLinkKey is { Length: > 0 } configured
            ? Convert.FromBase64String(configured)
            : FromDataDirectory(storage.Value, logger));
    }

    public ReadOnlySpan<byte> Bytes => _key.Value;

    private static byte[] FromDataDirectory(StorageOptions storage, ILogger logger)
    {
        var path = Path.Combine(storage.DataDirectory, FileName);
        var text = SecretFiles.ReadOrCreate(path, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(EvaluationLinkOptions.MinKeyBytes)), out var created);
        if (created && storage.Provider != StorageProvider.Sqlite)
        {
            LogGeneratedForServer(logger, path);
        }

        var bytes = Convert.FromBase64String(text.Trim());
        return bytes.Length >= EvaluationLinkOptions.MinKeyBytes
            ? bytes
            : throw new InvalidOperationException($"{FileName} in the data folder holds fewer than {EvaluationLinkOptions.MinKeyBytes} bytes; delete it or set Security:EvaluationLinkKey.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Security:EvaluationLinkKey is not set: evaluation links are signed with a key generated into {Path}; hub instances sharing the store must share one key, set it in their configuration")]
    private static partial void LogGeneratedForServer(ILogger logger, string path);
}
