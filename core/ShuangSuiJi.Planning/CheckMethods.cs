using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Planning;

/// <summary>The methods cell: words separated by spaces or punctuation, common slips normalised and reported.</summary>
public static class CheckMethods
{
    /// <summary>The canonical words, by method.</summary>
    public static readonly IReadOnlyDictionary<CheckMethod, string> Words = new Dictionary<CheckMethod, string>
    {
        [CheckMethod.OnSite] = "现场检查",
        [CheckMethod.Documentary] = "书面检查",
        [CheckMethod.Online] = "网络检查",
        [CheckMethod.ProfessionalBody] = "专业机构核查",
    };

    /// <summary>Slips seen in real plans and what they mean.</summary>
    private static readonly Dictionary<string, CheckMethod> Slips = new(StringComparer.Ordinal)
    {
        ["中面检查"] = CheckMethod.Documentary,
        ["书面审查"] = CheckMethod.Documentary,
        ["查阅资料"] = CheckMethod.Documentary,
        ["资料检查"] = CheckMethod.Documentary,
        ["实地检查"] = CheckMethod.OnSite,
        ["现场核查"] = CheckMethod.OnSite,
        ["网上检查"] = CheckMethod.Online,
        ["网络监测"] = CheckMethod.Online,
        ["专业机构核"] = CheckMethod.ProfessionalBody,
        ["委托专业机构核查"] = CheckMethod.ProfessionalBody,
        ["委托专业机构"] = CheckMethod.ProfessionalBody,
        ["专业机构"] = CheckMethod.ProfessionalBody,
    };

    /// <summary>The methods named in <paramref name="cell"/>, and a note for each word that was corrected or not understood.</summary>
    public static (IReadOnlyList<CheckMethod> Methods, IReadOnlyList<(string Word, string Note, bool Refused)> Notes) Parse(string? cell)
    {
        var methods = new List<CheckMethod>();
        var notes = new List<(string, string, bool)>();
        var words = (cell ?? "").Split([' ', '　', '、', ',', '，', ';', '；', '/', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // "专业机构 核" is one method split by a stray space: glue a one-character tail back on.
        var glued = new List<string>();
        foreach (var word in words)
        {
            if (word.Length == 1 && glued.Count > 0)
            {
                glued[^1] += word;
            }
            else
            {
                glued.Add(word);
            }
        }

        foreach (var word in glued)
        {
            var exact = Words.FirstOrDefault(w => w.Value == word);
            CheckMethod method;
            if (exact.Value is not null)
            {
                method = exact.Key;
            }
            else if (Slips.TryGetValue(word, out method))
            {
                notes.Add((word, $"'{word}' read as {Words[method]}", false));
            }
            else
            {
                notes.Add((word, $"'{word}' is not a check method (现场检查, 书面检查, 网络检查, 专业机构核查)", true));
                continue;
            }

            if (!methods.Contains(method))
            {
                methods.Add(method);
            }
        }

        return (methods, notes);
    }
}
