using System.Globalization;
using System.Text.RegularExpressions;

namespace ShuangSuiJi.Planning;

/// <summary>
/// Reads the ratio-and-frequency cell in the forms planners write: <c>5%:1次/年</c>, <c>5%：1次/年</c>,
/// <c>30%;1次/年</c>, <c>20%；2次/年</c>, <c>50% 1次/年</c>, <c>100%:1次/年</c>, <c>一季度一次</c>, <c>每季度一次</c>,
/// <c>2次/年</c>, and the month column's forms: <c>4-11月</c>, <c>全年</c>, <c>一季度一次</c>.
/// </summary>
public static partial class RatioFrequency
{
    /// <summary>The ratio as a fraction and the checks per year, each <see langword="null"/> when the cell does not say.</summary>
    public static (decimal? Ratio, int? PerYear, string? Problem) Parse(string? cell)
    {
        var text = Normalize(cell);
        if (text.Length == 0)
        {
            return (null, null, null);
        }

        decimal? ratio = null;
        var percent = PercentPattern().Match(text);
        if (percent.Success)
        {
            ratio = decimal.Parse(percent.Groups[1].Value, CultureInfo.InvariantCulture) / 100m;
            if (ratio is <= 0 or > 1)
            {
                return (null, null, $"ratio {percent.Value} is outside 0-100%");
            }
        }

        var perYear = PerYear(text);
        if (ratio is null && perYear is null)
        {
            return (null, null, "neither a ratio (n%) nor a frequency (n次/年, 一季度一次) could be read");
        }

        return (ratio, perYear, null);
    }

    /// <summary>Checks per year named in <paramref name="text"/>, if any.</summary>
    public static int? PerYear(string? text)
    {
        var t = Normalize(text);
        if (QuarterPattern().IsMatch(t))
        {
            return 4;
        }

        if (HalfYearPattern().IsMatch(t))
        {
            return 2;
        }

        var times = TimesPattern().Match(t);
        if (times.Success)
        {
            var count = times.Groups[1].Success ? times.Groups[1].Value : times.Groups[2].Value;
            return count switch
            {
                "一" => 1,
                "二" or "两" => 2,
                "三" => 3,
                "四" => 4,
                var digits => int.Parse(digits, CultureInfo.InvariantCulture),
            };
        }

        return null;
    }

    /// <summary>The month window: <c>4-11月</c> → (4, 11); <c>全年</c> or a quarterly phrase → (1, 12).</summary>
    public static (int? Start, int? End, string? Problem) Months(string? cell)
    {
        var text = Normalize(cell);
        if (text.Length == 0)
        {
            return (null, null, null);
        }

        if (text.Contains("全年", StringComparison.Ordinal) || QuarterPattern().IsMatch(text))
        {
            return (1, 12, null);
        }

        var range = MonthRangePattern().Match(text);
        if (!range.Success)
        {
            return (null, null, "no month range (like 4-11月) or 全年 could be read");
        }

        var start = int.Parse(range.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(range.Groups[2].Value, CultureInfo.InvariantCulture);
        return start is < 1 or > 12 || end is < 1 or > 12 || end < start
            ? (null, null, $"months {start}-{end} are not a window within one year")
            : (start, end, null);
    }

    private static string Normalize(string? text) =>
        (text ?? "").Trim().Replace('％', '%').Replace('：', ':').Replace('；', ';').Replace('～', '-').Replace('~', '-').Replace('—', '-').Replace('－', '-').Replace("至", "-", StringComparison.Ordinal);

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*%")]
    private static partial Regex PercentPattern();

    [GeneratedRegex(@"(?:每|一)?季度一次|每季度|1次/季")]
    private static partial Regex QuarterPattern();

    [GeneratedRegex(@"(?:每)?半年一次|1次/半年")]
    private static partial Regex HalfYearPattern();

    [GeneratedRegex(@"(\d+|一|二|两|三|四)\s*次\s*/?\s*(?:每)?年|每年\s*(\d+|一|二|两|三|四)\s*次")]
    private static partial Regex TimesPattern();

    [GeneratedRegex(@"(\d{1,2})\s*月?\s*-\s*(\d{1,2})\s*月")]
    private static partial Regex MonthRangePattern();
}
