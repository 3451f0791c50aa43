namespace ShuangSuiJi.Core.Calendar;

/// <summary>A date falls in a year the calendar has no data for: never assume every weekday works.</summary>
public sealed class CalendarYearMissingException(int year)
    : InvalidOperationException($"The working-day calendar has no data for {year}. Add the State Council's holiday arrangement for {year} under configuration section Calendar:Years:{year} (Holidays, Workdays).")
{
    public int Year { get; } = year;
}
