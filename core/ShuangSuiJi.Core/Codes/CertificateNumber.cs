namespace ShuangSuiJi.Core.Codes;

/// <summary>
/// Enforcement certificate numbers (执法证号): a province character followed by 11 digits, the first six the
/// issuing region, for example <c>赣36010012345</c>.
/// </summary>
public static class CertificateNumber
{
    /// <summary>Why <paramref name="number"/> is not a certificate number, or <see langword="null"/> when it is one.</summary>
    public static string? Problem(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return "is empty";
        }

        if (number.Length != 12 || char.IsAsciiDigit(number[0]) || number.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return $"'{number}' is not a province character followed by 11 digits";
        }

        return RegionCode.Problem(number.Substring(1, 6)) is { } region ? $"issuing region {region}" : null;
    }

    /// <summary>The number without its province character, as some systems key it.</summary>
    public static string WithoutProvince(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return number.Length == 12 && !char.IsAsciiDigit(number[0]) ? number[1..] : number;
    }
}
