using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ShuangSuiJi.Core;

namespace ShuangSuiJi.Storage;

/// <summary>
/// Stores an instant in SQLite as its UTC ticks, so comparisons and sorting in SQL follow time whatever offset
/// a partner sent (EF's DateTimeOffsetToBinaryConverter orders by local clock time, which does not). Read back
/// in China Standard Time.
/// </summary>
internal sealed class UtcTicksDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero).ToOffset(ChinaTime.Offset));
