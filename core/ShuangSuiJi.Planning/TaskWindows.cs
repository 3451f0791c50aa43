namespace ShuangSuiJi.Planning;

/// <summary>A window a task of a plan line must be checked in.</summary>
public sealed record TaskWindow(int Sequence, DateOnly Start, DateOnly End);

/// <summary>
/// Splits a plan line's month window into its tasks' windows by frequency, evenly, so checks spread over the year
/// instead of piling into the fourth quarter: once a year → the whole window; twice → two halves; quarterly →
/// four parts. County plans close by 15 November unless the plan says otherwise.
/// </summary>
public static class TaskWindows
{
    /// <summary>Default last day for county plans (县级计划 15 November).</summary>
    public static readonly (int Month, int Day) CountyClose = (11, 15);

    /// <param name="year">The plan's year.</param>
    /// <param name="startMonth">First month, 1-12.</param>
    /// <param name="endMonth">Last month, 1-12, not before the first.</param>
    /// <param name="perYear">Tasks a year: 1, 2, 3 or 4 (or more, up to the months available).</param>
    /// <param name="closeBy">Last allowed day; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentOutOfRangeException">Months outside 1-12 or reversed, or a frequency below one.</exception>
    public static IReadOnlyList<TaskWindow> For(int year, int startMonth, int endMonth, int perYear, DateOnly? closeBy)
    {
        if (startMonth is < 1 or > 12 || endMonth is < 1 or > 12 || endMonth < startMonth)
        {
            throw new ArgumentOutOfRangeException(nameof(startMonth), $"Months {startMonth}-{endMonth} are not a window within one year.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(perYear, 1);
        var start = new DateOnly(year, startMonth, 1);
        var end = new DateOnly(year, endMonth, DateTime.DaysInMonth(year, endMonth));
        if (closeBy is { } close && close < end)
        {
            end = close;
        }

        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(closeBy), $"The plan closes on {end:yyyy-MM-dd}, before its window opens on {start:yyyy-MM-dd}.");
        }

        // Equal shares of the window's days; each window starts the day after the previous one ends.
        var days = end.DayNumber - start.DayNumber + 1;
        var count = Math.Min(perYear, days);
        var windows = new List<TaskWindow>(count);
        for (var k = 0; k < count; k++)
        {
            var from = start.AddDays((int)((long)days * k / count));
            var to = start.AddDays((int)((long)days * (k + 1) / count) - 1);
            windows.Add(new TaskWindow(k + 1, from, to));
        }

        return windows;
    }

    /// <summary>Whether more than half of <paramref name="windows"/>' days fall in October to December (a Q4 pile-up warning).</summary>
    public static bool PilesIntoFourthQuarter(IEnumerable<TaskWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        int total = 0, fourth = 0;
        foreach (var window in windows)
        {
            for (var day = window.Start; day <= window.End; day = day.AddDays(1))
            {
                total++;
                if (day.Month >= 10)
                {
                    fourth++;
                }
            }
        }

        return total > 0 && fourth * 2 > total;
    }
}
