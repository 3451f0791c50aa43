using ShuangSuiJi.Planning;

namespace ShuangSuiJi.Planning.Tests;

public sealed class TaskWindowsTests
{
    private static readonly DateOnly CountyClose = new(2025, 11, 15);

    [Fact]
    public void OncePerYear_IsTheWholeWindow_ClosedByMidNovemberForCounties()
    {
        var window = Assert.Single(TaskWindows.For(2025, 4, 11, 1, CountyClose));

        Assert.Equal(new DateOnly(2025, 4, 1), window.Start);
        Assert.Equal(CountyClose, window.End);
    }

    [Fact]
    public void TwicePerYear_TwoAdjacentHalves()
    {
        var windows = TaskWindows.For(2025, 5, 10, 2, null);

        Assert.Equal(2, windows.Count);
        Assert.Equal(new DateOnly(2025, 5, 1), windows[0].Start);
        Assert.Equal(windows[0].End.AddDays(1), windows[1].Start);
        Assert.Equal(new DateOnly(2025, 10, 31), windows[1].End);
        Assert.InRange(windows[0].End.DayNumber - windows[0].Start.DayNumber - (windows[1].End.DayNumber - windows[1].Start.DayNumber), -1, 1);
    }

    [Fact]
    public void Quarterly_OverTheWholeYear_FourQuarters()
    {
        var windows = TaskWindows.For(2025, 1, 12, 4, null);

        Assert.Equal([1, 4, 7, 10], windows.Select(w => w.Start.Month));
        Assert.False(TaskWindows.PilesIntoFourthQuarter(windows));
    }

    [Fact]
    public void AWindowOnlyInTheFourthQuarter_IsFlagged() =>
        Assert.True(TaskWindows.PilesIntoFourthQuarter(TaskWindows.For(2025, 9, 12, 1, null)));

    [Fact]
    public void ReversedMonths_AreRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskWindows.For(2025, 11, 4, 1, null));
}
