using ShuangSuiJi.Core.Validation;

namespace ShuangSuiJi.Exchange;

/// <summary>
/// One record a pull brought in: either the canonical record, or the raw payload with every reason it was refused.
/// Never neither: nothing a partner sends is silently dropped.
/// </summary>
public sealed record PulledRecord<T>
    where T : class
{
    private readonly Lazy<string> _payload;

    /// <param name="record">The canonical record; <see langword="null"/> when refused.</param>
    /// <param name="key">The natural key as far as it could be read.</param>
    /// <param name="location">Where in the exchange: page and position.</param>
    /// <param name="payload">The partner's payload for this record, as received.</param>
    /// <param name="errors">Why it was refused; empty when accepted.</param>
    public PulledRecord(T? record, string key, string location, string payload, IReadOnlyList<FieldError> errors)
        : this(record, key, location, () => payload, errors)
    {
    }

    /// <summary>As the other constructor, the payload rendered only when read (kept refusals read it; accepted records rarely do).</summary>
    public PulledRecord(T? record, string key, string location, Func<string> payload, IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Record = record;
        Key = key;
        Location = location;
        Errors = errors;
        _payload = new Lazy<string>(payload, LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>The canonical record; <see langword="null"/> when refused.</summary>
    public T? Record { get; }

    /// <summary>The natural key as far as it could be read.</summary>
    public string Key { get; }

    /// <summary>Where in the exchange: page and position.</summary>
    public string Location { get; }

    /// <summary>The partner's payload for this record, as received.</summary>
    public string Payload => _payload.Value;

    /// <summary>Why it was refused; empty when accepted.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    public bool Accepted => Record is not null && Errors.Count == 0;
}
