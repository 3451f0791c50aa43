using System.Globalization;
using System.Text;

namespace ShuangSuiJi.Reconciliation;

/// <summary>
/// How keys and values are made comparable across systems: full-width forms folded to ASCII (NFKC, so （） equals
/// ()), whitespace removed from keys and collapsed in values, letters compared without case, and an enforcement
/// certificate number keyed without its province character (赣36010012345 ≡ 36010012345).
/// </summary>
public static class Normalization
{
    /// <summary>The normalised form of a natural key; composite keys (parts joined by <c>|</c>) are normalised part by part.</summary>
    public static string Key(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "";
        }

        if (key.Contains('|', StringComparison.Ordinal))
        {
            return string.Join('|', key.Split('|').Select(KeyPart));
        }

        return KeyPart(key);
    }

    /// <summary>The normalised form of a field value, for comparing: folded, trimmed, inner whitespace collapsed, upper case.</summary>
    public static string Value(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var folded = IsPlainAscii(value) ? value : value.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>Whether two raw values are the same after normalisation; equal raw values never pay for it.</summary>
    public static bool SameValue(string? a, string? b) =>
        string.Equals(a, b, StringComparison.Ordinal) || string.Equals(Value(a), Value(b), StringComparison.Ordinal);

    private static string KeyPart(string part)
    {
        if (IsCanonicalAscii(part))
        {
            return part; // the common case (credit codes, task numbers): nothing to fold, nothing to allocate
        }

        string folded;
        if (IsPlainAscii(part))
        {
            folded = part;
        }
        else
        {
            folded = part.Normalize(NormalizationForm.FormKC);
        }

        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        var key = builder.ToString();

        // A certificate number: one province character (a CJK ideograph) and 11 digits — keyed by the digits.
        if (key.Length == 12 && IsIdeograph(key[0]) && key.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return key[1..];
        }

        return key;
    }

    private static bool IsCanonicalAscii(string s)
    {
        foreach (var c in s)
        {
            if (c >= 0x80 || c <= ' ' || c is >= 'a' and <= 'z')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainAscii(string s)
    {
        foreach (var c in s)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdeograph(char c) => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c >= 0x3400;
}
