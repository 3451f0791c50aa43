using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ShuangSuiJi.Core;

namespace ShuangSuiJi.Storage;

/// <summary>
/// Writes instants in UTC (PostgreSQL's timestamptz holds UTC only and Npgsql refuses other offsets) and reads
/// them back in China Standard Time, the hub's users' time. The instant never changes, only its offset.
/// </summary>
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToOffset(ChinaTime.Offset));
