using System.Text.RegularExpressions;

namespace ShuangSuiJi.Core.Codes;

/// <summary>
/// Masks ID numbers and mobile phone numbers inside free text (request and response bodies kept in the exchange
/// log), the same way <see cref="IdNumber"/> and <see cref="PhoneNumber"/> print themselves.
/// </summary>
public static partial class SensitiveText
{
    public static string Mask(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var masked = IdNumberPattern().Replace(text, m => new IdNumber(m.Value).ToString());
        return PhonePattern().Replace(masked, m => new PhoneNumber(m.Value).ToString());
    }

    /// <summary>Whether <paramref name="text"/> holds anything that looks like an ID number or a mobile phone number.</summary>
    public static bool Contains(string? text) =>
        !string.IsNullOrEmpty(text) && (IdNumberPattern().IsMatch(text) || PhonePattern().IsMatch(text));

    // 18 characters: 6-digit region, a plausible birth date, 3 digits, a check digit or X; not inside a longer run.
    [GeneratedRegex(@"(?<![0-9A-Za-z])\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumberPattern();

    // Mainland mobile numbers: 11 digits starting 13-19, optionally after +86.
    [GeneratedRegex(@"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();
}
