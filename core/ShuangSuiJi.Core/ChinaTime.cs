namespace ShuangSuiJi.Core;

/// <summary>China Standard Time (UTC+8, no daylight saving): partner times without an offset are in it.</summary>
public static class ChinaTime
{
    /// <summary>The offset of China Standard Time.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>Today's date in China, from <paramref name="timeProvider"/>.</summary>
    public static DateOnly Today(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return DateOnly.FromDateTime(timeProvider.GetUtcNow().ToOffset(Offset).DateTime);
    }

    /// <summary>Reads a local China time (no offset) as an offset-carrying instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local) => new(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset);
}
