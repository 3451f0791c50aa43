using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ShuangSuiJi.Storage;

/// <summary>Writes instants in UTC; the instant is unchanged, only its offset.</summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
