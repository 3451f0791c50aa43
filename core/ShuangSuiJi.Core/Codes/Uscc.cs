namespace ShuangSuiJi.Core.Codes;

/// <summary>
/// Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters from
/// <see cref="Alphabet"/>, the 18th a check character over the first 17.
/// </summary>
public static class Uscc
{
    /// <summary>The 31 characters a code may use; a character's value is its index here (no I, O, Z, S, V).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Length of a code, check character included.</summary>
    public const int Length = 18;

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Computes the check character for the first 17 characters of a code.</summary>
    /// <param name="first17">At least 17 characters; only the first 17 are read.</param>
    /// <exception cref="ArgumentException">Fewer than 17 characters, or one outside <see cref="Alphabet"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length < Length - 1)
        {
            throw new ArgumentException($"Need 17 characters, got {first17.Length}.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"Character '{first17[i]}' at position {i + 1} is not allowed in a credit code.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        var check = 31 - (sum % 31);
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>
    /// Checks a code exactly as given. Lower case and spaces make it invalid (partners send both; the hub flags them,
    /// and <see cref="Normalize"/> says what was probably meant).
    /// </summary>
    public static UsccCheck Check(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return UsccCheck.Invalid(code ?? "", "is empty");
        }

        if (code.Length != Length)
        {
            return UsccCheck.Invalid(code, $"has {code.Length} characters, expected {Length}");
        }

        for (var i = 0; i < Length; i++)
        {
            var c = code[i];
            if (Alphabet.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            var hint = char.IsWhiteSpace(c) ? "whitespace"
                : char.IsLower(c) ? "lower case"
                : $"'{c}' is not in the credit-code alphabet";
            return UsccCheck.Invalid(code, $"character {i + 1} is {hint}");
        }

        var expected = ComputeCheckCharacter(code);
        return code[^1] == expected
            ? UsccCheck.Valid(code)
            : UsccCheck.Invalid(code, $"check character is '{code[^1]}', expected '{expected}'", expected);
    }

    /// <summary>Whether <paramref name="code"/> is a valid code exactly as given.</summary>
    public static bool IsValid(string? code) => Check(code).IsValid;

    /// <summary>Upper-cases and strips whitespace (including full-width spaces); used to match, never to overwrite what a partner sent.</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return string.Concat(code.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
    }
}
