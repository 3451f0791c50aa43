using System.Text;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>
/// CsCheck generators of hostile variants of a known-good payload: bit flips, truncation, inserted and deleted bytes,
/// a duplicated chunk, the text re-encoded in another encoding than it declares, and (for JSON) a value replaced by
/// something of the wrong type or size.
/// </summary>
internal static class Mutations
{
    /// <summary>Bytes that mean something to one of the formats.</summary>
    private static readonly byte[][] Tokens =
    [
        "<"u8.ToArray(), ">"u8.ToArray(), "</"u8.ToArray(), "<!DOCTYPE x [<!ENTITY e \"e\">]>"u8.ToArray(), "&e;"u8.ToArray(), "&#0;"u8.ToArray(),
        "<![CDATA["u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), "\""u8.ToArray(), "\\"u8.ToArray(), ":"u8.ToArray(),
        ","u8.ToArray(), "\n"u8.ToArray(), "\r\n"u8.ToArray(), "\"\""u8.ToArray(), "\\u0000"u8.ToArray(), "1e99999"u8.ToArray(), "-0"u8.ToArray(),
        "null"u8.ToArray(), "NaN"u8.ToArray(), [0x00], [0xFF], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF], [0x81, 0x30], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x1F, 0x8B],
    ];

    private static readonly Encoding[] Encodings = WithCodePages();

    /// <summary>Any of the mutations below, applied once or twice, to any of <paramref name="corpus"/>.</summary>
    public static Gen<byte[]> Of(IReadOnlyList<byte[]> corpus, bool json = false)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var one = Gen.Int[0, corpus.Count - 1].SelectMany(i => Mutate(corpus[i], corpus, json));
        return Gen.Frequency((4, one), (1, one.SelectMany(b => Mutate(b, corpus, json))));
    }

    private static Gen<byte[]> Mutate(byte[] input, IReadOnlyList<byte[]> corpus, bool json)
    {
        if (input.Length == 0)
        {
            return Gen.Byte.Array[0, 16];
        }

        var kinds = new List<(int, Gen<byte[]>)>
        {
            (3, BitFlips(input)),
            (2, Truncated(input)),
            (3, Inserted(input)),
            (1, Deleted(input)),
            (1, Duplicated(input)),
            (1, Reencoded(input)),
            (1, Spliced(input, corpus)),
        };
        if (json && TryParse(input) is { } token)
        {
            kinds.Add((4, WrongValue(token)));
        }

        return Gen.Frequency([.. kinds]);
    }

    private static Gen<byte[]> BitFlips(byte[] input) =>
        Gen.Int[0, (input.Length * 8) - 1].Array[1, 8].Select(bits =>
        {
            var copy = (byte[])input.Clone();
            foreach (var bit in bits)
            {
                copy[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            return copy;
        });

    private static Gen<byte[]> Truncated(byte[] input) => Gen.Int[0, input.Length - 1].Select(n => input[..n]);

    private static Gen<byte[]> Inserted(byte[] input) =>
        Gen.Select(Gen.Int[0, input.Length], Gen.Frequency((2, Gen.Int[0, Tokens.Length - 1].Select(i => Tokens[i])), (1, Gen.Byte.Array[1, 32])), Gen.Int[1, 3])
            .Select((at, bytes, times) => (byte[])[.. input[..at], .. Enumerable.Repeat(bytes, times).SelectMany(b => b), .. input[at..]]);

    private static Gen<byte[]> Deleted(byte[] input) =>
        Gen.Int[0, input.Length - 1].SelectMany(at => Gen.Int[1, Math.Max(1, Math.Min(64, input.Length - at))].Select(n => (byte[])[.. input[..at], .. input[(at + n)..]]));

    private static Gen<byte[]> Duplicated(byte[] input) =>
        Gen.Int[0, input.Length - 1].SelectMany(at => Gen.Int[1, Math.Max(1, Math.Min(256, input.Length - at))].Select(n => (byte[])[.. input[..(at + n)], .. input[at..]]));

    /// <summary>The text read as UTF-8 or GB18030 (whichever it is) and written in another encoding; the declaration, if any, is left saying the old one.</summary>
    private static Gen<byte[]> Reencoded(byte[] input) =>
        Gen.Int[0, Encodings.Length - 1].Select(i =>
        {
            var text = IsUtf8(input) ? Encoding.UTF8.GetString(input) : Encoding.GetEncoding("GB18030").GetString(input);
            return Encodings[i].GetBytes(text);
        });

    private static Gen<byte[]> Spliced(byte[] input, IReadOnlyList<byte[]> corpus) =>
        Gen.Select(Gen.Int[0, input.Length], Gen.Int[0, corpus.Count - 1]).SelectMany((at, other) =>
            Gen.Int[0, Math.Max(0, corpus[other].Length - 1)].Select(from => (byte[])[.. input[..at], .. corpus[other].AsSpan(Math.Min(from, corpus[other].Length))]));

    /// <summary>One value of the JSON replaced by something of the wrong type or size: an object, an array, a huge or odd number, a long string, deep nesting.</summary>
    private static Gen<byte[]> WrongValue(JToken token)
    {
        var values = token.SelectTokens("$..*").OfType<JValue>().ToList();
        if (values.Count == 0)
        {
            return Gen.Const(Encoding.UTF8.GetBytes(token.ToString(Formatting.None)));
        }

        JToken[] replacements =
        [
            new JObject { ["x"] = new JArray(1, 2) }, new JArray(), new JArray("a", new JObject()), new JValue(1e300), new JValue(long.MinValue), new JValue(-1),
            new JValue(true), JValue.CreateNull(), new JValue(new string('测', 70_000)), new JValue("\u0000\uFFFD\uD800"), new JValue(""), new JValue("9999-99-99 99:99:99"),
            Nested(60),
        ];
        return Gen.Select(Gen.Int[0, values.Count - 1], Gen.Int[0, replacements.Length - 1]).Select((v, r) =>
        {
            var copy = token.DeepClone();
            var target = copy.SelectTokens("$..*").OfType<JValue>().ElementAt(v);
            target.Replace(replacements[r].DeepClone());
            return Encoding.UTF8.GetBytes(copy.ToString(Formatting.None));
        });
    }

    private static Encoding[] WithCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return [Encoding.UTF8, Encoding.GetEncoding("GB18030"), Encoding.Unicode, Encoding.BigEndianUnicode, Encoding.Latin1, Encoding.UTF32];
    }

    public static JToken Nested(int depth)
    {
        JToken inner = new JValue("deep");
        for (var i = 0; i < depth; i++)
        {
            inner = new JArray(inner);
        }

        return inner;
    }

    private static JToken? TryParse(byte[] input)
    {
        try
        {
            return JToken.Parse(Encoding.UTF8.GetString(input));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsUtf8(byte[] input)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
