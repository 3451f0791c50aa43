using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Core.Calendar;

/// <summary>
/// The one rule for the warning light (预警灯) on plans, tasks and results, the same in every system: green while on
/// track, yellow when the deadline is within <see cref="YellowWithinWorkingDays"/> working days and the work is not
/// done, red once the deadline has passed with the work not done. Done work is green.
/// </summary>
/// <param name="calendar">The official working-day calendar.</param>
/// <param name="yellowWithinWorkingDays">Working days before the deadline at which the light turns yellow. <value>Default 3.</value></param>
public sealed class WarningLightRule(WorkingDayCalendar calendar, int yellowWithinWorkingDays = 3)
{
    public int YellowWithinWorkingDays { get; } = yellowWithinWorkingDays >= 0
        ? yellowWithinWorkingDays
        : throw new ArgumentOutOfRangeException(nameof(yellowWithinWorkingDays), yellowWithinWorkingDays, "Must be zero or more.");

    /// <summary>The light on <paramref name="today"/> for work due on <paramref name="deadline"/>.</summary>
    public WarningLight Evaluate(DateOnly deadline, bool done, DateOnly today)
    {
        if (done)
        {
            return WarningLight.Green;
        }

        if (today > deadline)
        {
            return WarningLight.Red;
        }

        return calendar.WorkingDaysBetween(today, deadline) <= YellowWithinWorkingDays ? WarningLight.Yellow : WarningLight.Green;
    }
}
