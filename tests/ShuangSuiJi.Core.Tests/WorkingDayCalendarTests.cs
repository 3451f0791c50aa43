using ShuangSuiJi.Core.Calendar;
using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Core.Tests;

public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ShippedYears_Are2020Through2026() => Assert.Equal([2020, 2021, 2022, 2023, 2024, 2025, 2026], Calendar.Years);

    [Theory]
    [InlineData("2025-01-29", false)] // 春节 holiday, a Wednesday
    [InlineData("2025-01-26", true)]  // Sunday worked (调休)
    [InlineData("2025-02-08", true)]  // Saturday worked
    [InlineData("2025-10-08", false)] // 国庆 + 中秋, a Wednesday
    [InlineData("2025-10-11", true)]  // Saturday worked
    [InlineData("2025-06-03", true)]  // an ordinary Tuesday
    [InlineData("2025-06-07", false)] // an ordinary Saturday
    [InlineData("2024-02-18", true)]  // Sunday worked after 春节
    [InlineData("2026-02-23", false)] // the ninth day of 2026's 春节 break
    [InlineData("2026-02-28", true)]  // Saturday worked
    public void IsWorkingDay_FollowsTheOfficialCalendar(string date, bool working) => Assert.Equal(working, Calendar.IsWorkingDay(D(date)));

    [Fact]
    public void EveryShippedYear_HasAboutTheStatutoryNumberOfWorkingDays()
    {
        foreach (var year in Calendar.Years)
        {
            var working = Enumerable.Range(0, DateTime.IsLeapYear(year) ? 366 : 365).Count(d => Calendar.IsWorkingDay(new DateOnly(year, 1, 1).AddDays(d)));
            Assert.InRange(working, 242, 252);
        }
    }

    [Fact]
    public void MissingYear_IsAnExplicitErrorNamingTheConfigurationKey()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(() => Calendar.IsWorkingDay(new DateOnly(2027, 3, 1)));

        Assert.Equal(2027, ex.Year);
        Assert.Contains("Calendar:Years:2027", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfiguredYear_ExtendsTheCalendar()
    {
        var calendar = new WorkingDayCalendar(new Dictionary<int, CalendarYear>
        {
            [2027] = new() { Holidays = ["2027-01-01", "2027-02-06..2027-02-12"], Workdays = ["2027-02-14"] },
        });

        Assert.False(calendar.IsWorkingDay(D("2027-02-08")));
        Assert.True(calendar.IsWorkingDay(D("2027-02-14")));
        Assert.Throws<FormatException>(() => new WorkingDayCalendar(new Dictionary<int, CalendarYear> { [2028] = new() { Holidays = ["2028-13-01"] } }));
    }

    [Fact]
    public void EntryDeadline_SevenWorkingDays_SkipsTheNationalDayBreak()
    {
        var deadlines = new Deadlines(Calendar);

        // Checked Tuesday 2025-09-30: 1 working day (Sep 30 not counted… Oct 1-8 off), Oct 9, 10, 11 (Sat, worked), 13, 14, 15, 16.
        Assert.Equal(D("2025-10-16"), deadlines.EntryDue(D("2025-09-30")));
        Assert.Equal(D("2025-06-13"), deadlines.EntryDue(D("2025-06-04")));
    }

    [Fact]
    public void PublicationDeadline_TwentyWorkingDays()
    {
        var deadlines = new Deadlines(Calendar);

        Assert.Equal(20, Calendar.WorkingDaysBetween(D("2025-06-12"), deadlines.PublicationDue(D("2025-06-12"))));
        Assert.Equal(D("2025-07-10"), deadlines.PublicationDue(D("2025-06-12")));
    }

    [Theory]
    [InlineData("2025-06-02", false, "Green")]
    [InlineData("2025-06-10", false, "Yellow")]
    [InlineData("2025-06-13", false, "Yellow")]
    [InlineData("2025-06-16", false, "Red")]
    [InlineData("2025-06-16", true, "Green")]
    public void WarningLight_GreenYellowRed_ByWorkingDaysToTheDeadline(string today, bool done, string light) =>
        Assert.Equal(Enum.Parse<WarningLight>(light), new WarningLightRule(Calendar).Evaluate(D("2025-06-13"), done, D(today)));
}
