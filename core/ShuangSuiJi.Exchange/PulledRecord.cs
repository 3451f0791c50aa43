using ShuangSuiJi.Core.Validation;

namespace ShuangSuiJi.Exchange;

/// <summary>
/// One record a pull brought in: either the canonical record, or the raw payload with every reason it was refused.
/// Never neither: nothing a partner sends is silently dropped.
/// </summary>
/// <param name="Record">The canonical record; <see langword="null"/> when refused.</param>
/// <param name="Key">The natural key as far as it could be read.</param>
/// <param name="Location">Where in the exchange: page and position.</param>
/// <param name="Payload">The partner's payload for this record, as received.</param>
/// <param name="Errors">Why it was refused; empty when accepted.</param>
public sealed record PulledRecord<T>(T? Record, string Key, string Location, string Payload, IReadOnlyList<FieldError> Errors)
    where T : class
{
    public bool Accepted => Record is not null && Errors.Count == 0;
}
