namespace ShuangSuiJi.Core.Calendar;

/// <summary>
/// One year of the official calendar: the days off (法定节假日, with the weekend days inside each holiday block)
/// and the weekend days that are working days (调休上班). Entries are <c>yyyy-MM-dd</c> or <c>from..to</c>.
/// </summary>
public sealed record CalendarYear
{
    public IReadOnlyList<string> Holidays { get; init; } = [];

    public IReadOnlyList<string> Workdays { get; init; } = [];
}
