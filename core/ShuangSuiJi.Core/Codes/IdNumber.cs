namespace ShuangSuiJi.Core.Codes;

/// <summary>
/// A national ID number (居民身份证号码). Sensitive: <see cref="ToString"/> masks it, so it comes out masked in
/// logs, exceptions and interpolated strings. Read <see cref="Value"/> only where the whole number is needed.
/// </summary>
public readonly record struct IdNumber(string Value)
{
    /// <summary>Whether <paramref name="value"/> has the shape of an ID number: 17 digits, then a digit or <c>X</c>.</summary>
    public static bool IsWellFormed(string value) =>
        value is { Length: 18 } && !value.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') && (char.IsAsciiDigit(value[17]) || value[17] == 'X');

    /// <summary>First three and last four characters, the rest starred; fully starred when too short.</summary>
    public override string ToString() => Mask(Value, keepStart: 3, keepEnd: 4);

    internal static string Mask(string? value, int keepStart, int keepEnd)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        return value.Length <= keepStart + keepEnd
            ? new string('*', value.Length)
            : string.Concat(value.AsSpan(0, keepStart), new string('*', value.Length - keepStart - keepEnd), value.AsSpan(value.Length - keepEnd));
    }
}
