using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>A configured link key must be base64 of at least <see cref="EvaluationLinkOptions.MinKeyBytes"/> bytes.</summary>
internal sealed class ValidateEvaluationLinkOptions : IValidateOptions<EvaluationLinkOptions>
{
    public ValidateOptionsResult Validate(string? name, EvaluationLinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.EvaluationLinkKey is not { Length: > 0 } key)
        {
            return ValidateOptionsResult.Success;
        }

        var bytes = new byte[key.Length];
        return Convert.TryFromBase64String(key, bytes, out var length) && length >= EvaluationLinkOptions.MinKeyBytes
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Security:EvaluationLinkKey must be base64 of at least {EvaluationLinkOptions.MinKeyBytes} random bytes.");
    }
}
