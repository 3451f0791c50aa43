namespace ShuangSuiJi.Core.Calendar;

/// <summary>The statutory deadlines of a check, counted in working days on the official calendar.</summary>
public sealed class Deadlines(WorkingDayCalendar calendar)
{
    /// <summary>Working days allowed to enter a result after the check (录入时限). <value>7.</value></summary>
    public const int EntryWorkingDays = 7;

    /// <summary>Working days allowed to publicise results after the check ends (公示时限). <value>20.</value></summary>
    public const int PublicationWorkingDays = 20;

    /// <summary>Last day to enter the result of a check made on <paramref name="checkedOn"/>.</summary>
    public DateOnly EntryDue(DateOnly checkedOn) => calendar.AddWorkingDays(checkedOn, EntryWorkingDays);

    /// <summary>Last day to publicise results of checks ending on <paramref name="checkEnded"/>.</summary>
    public DateOnly PublicationDue(DateOnly checkEnded) => calendar.AddWorkingDays(checkEnded, PublicationWorkingDays);
}
