namespace ShuangSuiJi.Core.Codes;

/// <summary>Administrative region codes (行政区划代码, GB/T 2260): six digits, province-city-county in pairs.</summary>
public static class RegionCode
{
    /// <summary>Why <paramref name="code"/> is not a region code, or <see langword="null"/> when it is one.</summary>
    public static string? Problem(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "is empty";
        }

        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return $"'{code}' is not 6 digits";
        }

        return code[..2] is "00" ? $"'{code}' has no province (first two digits 00)" : null;
    }

    /// <summary>Whether <paramref name="code"/> is a region code.</summary>
    public static bool IsValid(string? code) => Problem(code) is null;

    /// <summary>
    /// The prefix a region and everything inside it share: <c>360000</c> → <c>36</c>, <c>360100</c> → <c>3601</c>,
    /// <c>360103</c> → <c>360103</c>. Used for "in this region" filters.
    /// </summary>
    public static string ScopePrefix(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.EndsWith("0000", StringComparison.Ordinal))
        {
            return code[..2];
        }

        return code.EndsWith("00", StringComparison.Ordinal) ? code[..4] : code;
    }
}
