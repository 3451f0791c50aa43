using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;

namespace ShuangSuiJi.Mappings.Wire;

/// <summary>One record read from a wire payload: the canonical record, or every reason it was refused.</summary>
public sealed record MappedRecord(object? Record, string Key, string Location, IReadOnlyList<FieldError> Errors)
{
    public bool Refused => Record is null || Errors.Count > 0;

    public static MappedRecord From<T>(PulledRecord<T> pulled)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(pulled);
        return new MappedRecord(pulled.Record, pulled.Key, pulled.Location, pulled.Errors);
    }
}
