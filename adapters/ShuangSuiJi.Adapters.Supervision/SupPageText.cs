namespace ShuangSuiJi.Adapters.Supervision;

/// <summary>
/// The text of one SUP answer, for cutting a record's own JSON out of it by the reader's line positions (only when a
/// refusal needs the record as sent; where lines start is worked out on the first cut).
/// </summary>
public sealed class SupPageText(string text)
{
    private int[]? _lineStarts;

    public string Text => text;

    /// <summary>
    /// The object from its <c>{</c> to its <c>}</c>, given the reader's positions (1-based line, column just past the
    /// brace) on its <c>StartObject</c> and on its <c>EndObject</c>.
    /// </summary>
    public string Object(int startLine, int startColumn, int endLine, int endColumn)
    {
        var starts = _lineStarts ??= LineStarts(text);
        var from = starts[startLine - 1] + startColumn - 1;
        var to = starts[endLine - 1] + endColumn;
        return text[from..to];
    }

    /// <summary>Line starts as the JSON reader counts lines: after \n, \r\n and a lone \r.</summary>
    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                starts.Add(i + 1);
            }
            else if (text[i] is '\r' or '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
