using Microsoft.Extensions.Compliance.Redaction;
using Serilog;

namespace ShuangSuiJi.Hub.Sensitive;

/// <summary>Wires <see cref="SensitiveLogPolicy"/> into a Serilog configuration.</summary>
internal static class SensitiveLogging
{
    /// <summary>Masks ID and phone numbers in every event this configuration writes, whatever the sink.</summary>
    public static LoggerConfiguration MaskSensitiveNumbers(this LoggerConfiguration log, IRedactorProvider redactors)
    {
        ArgumentNullException.ThrowIfNull(log);
        var policy = new SensitiveLogPolicy(redactors);
        return log.Destructure.With(policy).Enrich.With(policy);
    }
}
