using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>
/// A valid credit code packed into 90 bits (18 characters × 5 bits, each character's index in
/// <see cref="Uscc.Alphabet"/>). The alphabet is in ASCII order, so comparing keys compares codes ordinally:
/// sorting keys is sorting codes, at a fraction of the memory.
/// </summary>
internal static class CreditCodeKey
{
    private static readonly sbyte[] Values = BuildValues();

    public static UInt128 Pack(string code) =>
        TryPack(code, out var key) ? key
        : code.Length != Uscc.Length ? throw new ArgumentException($"'{code}' is not an 18-character credit code.", nameof(code))
        : throw new ArgumentException($"'{code}' has '{code.First(c => c >= 128 || Values[c] < 0)}', which is not in the credit-code alphabet.", nameof(code));

    /// <summary>Packs <paramref name="code"/> if it has 18 characters of the alphabet (its check character is not checked).</summary>
    public static bool TryPack(string? code, out UInt128 key)
    {
        key = 0;
        if (code is null || code.Length != Uscc.Length)
        {
            return false;
        }

        foreach (var c in code)
        {
            var value = c < 128 ? Values[c] : (sbyte)-1;
            if (value < 0)
            {
                return false;
            }

            key = (key << 5) | (uint)value;
        }

        return true;
    }

    public static void Unpack(UInt128 key, Span<byte> asciiDestination)
    {
        for (var i = Uscc.Length - 1; i >= 0; i--)
        {
            asciiDestination[i] = (byte)Uscc.Alphabet[(int)(key & 31)];
            key >>= 5;
        }
    }

    public static string Unpack(UInt128 key)
    {
        Span<byte> ascii = stackalloc byte[Uscc.Length];
        Unpack(key, ascii);
        return System.Text.Encoding.ASCII.GetString(ascii);
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Uscc.Alphabet.Length; i++)
        {
            values[Uscc.Alphabet[i]] = (sbyte)i;
        }

        return values;
    }
}
