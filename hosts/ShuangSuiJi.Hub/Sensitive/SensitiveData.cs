using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Hub.Sensitive;

/// <summary>
/// The hub's data classification of personal numbers, and their redactors (Microsoft.Extensions.Compliance.Redaction):
/// ID numbers keep their first three and last four characters, phone numbers likewise, the same mask their
/// <c>ToString()</c> prints. Logs (<see cref="SensitiveLogPolicy"/>) redact through the registered
/// <see cref="IRedactorProvider"/>, so a stricter redactor registered here applies to every log sink at once.
/// </summary>
internal static class SensitiveData
{
    public const string Taxonomy = "ShuangSuiJi";

    /// <summary>居民身份证号码.</summary>
    public static DataClassification IdNumber { get; } = new(Taxonomy, nameof(IdNumber));

    /// <summary>Phone numbers, mobile or fixed.</summary>
    public static DataClassification Phone { get; } = new(Taxonomy, nameof(Phone));

    /// <summary>Registers the redactors; anything classified otherwise is erased.</summary>
    public static IServiceCollection AddSensitiveDataRedaction(this IServiceCollection services) =>
        services.AddRedaction(redaction => redaction
            .SetRedactor<IdNumberRedactor>(new DataClassificationSet(IdNumber))
            .SetRedactor<PhoneRedactor>(new DataClassificationSet(Phone))
            .SetFallbackRedactor<ErasingRedactor>());

    /// <summary>Masks as <see cref="Core.Codes.IdNumber.ToString"/> does.</summary>
    internal sealed class IdNumberRedactor : Redactor
    {
        public override int GetRedactedLength(ReadOnlySpan<char> input) => input.Length;

        public override int Redact(ReadOnlySpan<char> source, Span<char> destination) => Copy(new IdNumber(source.ToString()).ToString(), destination);
    }

    /// <summary>Masks as <see cref="PhoneNumber.ToString"/> does.</summary>
    internal sealed class PhoneRedactor : Redactor
    {
        public override int GetRedactedLength(ReadOnlySpan<char> input) => input.Length;

        public override int Redact(ReadOnlySpan<char> source, Span<char> destination) => Copy(new PhoneNumber(source.ToString()).ToString(), destination);
    }

    private static int Copy(string masked, Span<char> destination)
    {
        masked.AsSpan().CopyTo(destination);
        return masked.Length;
    }
}
