using System.Globalization;
using System.Text.Json;

namespace ShuangSuiJi.Core.Calendar;

/// <summary>
/// The official Chinese working-day calendar: weekdays work, weekends do not, except the public holidays and the
/// swapped working days (调休) of each year's State Council notice. Ships 2020-2026 (<c>china-workdays.json</c>);
/// later years come from configuration. A date in a year without data is an error, not a guess.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<int, (HashSet<DateOnly> Off, HashSet<DateOnly> On)> _years = [];

    /// <param name="years">Years to add to (or replace in) the shipped data.</param>
    /// <exception cref="FormatException">An entry is not a date or a range.</exception>
    public WorkingDayCalendar(IReadOnlyDictionary<int, CalendarYear>? years = null)
    {
        foreach (var (year, definition) in Shipped.Value.Concat(years ?? new Dictionary<int, CalendarYear>()))
        {
            _years[year] = (Expand(year, definition.Holidays), Expand(year, definition.Workdays));
        }
    }

    /// <summary>Years with data, ascending.</summary>
    public IReadOnlyList<int> Years => [.. _years.Keys.Order()];

    /// <exception cref="CalendarYearMissingException">No data for the date's year.</exception>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!_years.TryGetValue(date.Year, out var year))
        {
            throw new CalendarYearMissingException(date.Year);
        }

        if (year.On.Contains(date))
        {
            return true;
        }

        return !year.Off.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="date"/> (the day itself not counted):
    /// "within 7 working days of the check" means on or before <c>AddWorkingDays(check, 7)</c>.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = date;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>; negative when <paramref name="to"/> is earlier.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    private static readonly Lazy<Dictionary<int, CalendarYear>> Shipped = new(LoadShipped);

    private static Dictionary<int, CalendarYear> LoadShipped()
    {
        using var stream = typeof(WorkingDayCalendar).Assembly.GetManifestResourceStream("ShuangSuiJi.Core.Calendar.china-workdays.json")
            ?? throw new InvalidOperationException("The shipped calendar resource china-workdays.json is missing from the assembly.");
        using var document = JsonDocument.Parse(stream);
        var years = new Dictionary<int, CalendarYear>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                years[year] = property.Value.Deserialize<CalendarYear>(JsonSerializerOptions.Web) ?? new CalendarYear();
            }
        }

        return years;
    }

    private static HashSet<DateOnly> Expand(int year, IReadOnlyList<string> entries)
    {
        var days = new HashSet<DateOnly>();
        foreach (var entry in entries)
        {
            var parts = entry.Split("..", StringSplitOptions.TrimEntries);
            var from = Parse(parts[0], year, entry);
            var to = parts.Length > 1 ? Parse(parts[1], year, entry) : from;
            if (to < from)
            {
                throw new FormatException($"Calendar {year}: range '{entry}' ends before it starts.");
            }

            for (var day = from; day <= to; day = day.AddDays(1))
            {
                days.Add(day);
            }
        }

        return days;
    }

    private static DateOnly Parse(string text, int year, string entry) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"Calendar {year}: '{entry}' is not yyyy-MM-dd or yyyy-MM-dd..yyyy-MM-dd.");
}
