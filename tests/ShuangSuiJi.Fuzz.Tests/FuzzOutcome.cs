using System.Text;

namespace ShuangSuiJi.Fuzz.Tests;

/// <summary>
/// What a parser did with the inputs of one run: parsed (records, accepted or refused with reasons), refused the
/// input with a typed error, or crashed (any other exception: the bug the fuzzing is for). Prints one line per parser.
/// </summary>
internal sealed class FuzzOutcome(string parser)
{
    private readonly List<string> _crashes = [];

    public string Parser => parser;

    public int Tried { get; private set; }

    public int Parsed { get; private set; }

    public int TypedErrors { get; private set; }

    public int RecordsRefused { get; private set; }

    public IReadOnlyList<string> Crashes => _crashes;

    /// <summary>Runs the parser on one input; <paramref name="typed"/> says which exceptions are the parser's clear errors.</summary>
    public async Task TryAsync(int iteration, byte[] input, Func<byte[], Task<(int Records, int Refused)>> parse, Func<Exception, bool> typed)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(typed);
        Tried++;
        try
        {
            var (_, refused) = await parse(input);
            Parsed++;
            RecordsRefused += refused;
        }
        catch (Exception ex) when (typed(ex) && ex.Message.Length > 0)
        {
            TypedErrors++;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (_crashes.Count < 10)
            {
                _crashes.Add($"iteration {iteration} ({input.Length} bytes, starts {Preview(input)}): {ex.GetType().FullName}: {ex.Message}\n{ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            }
            else
            {
                _crashes[^1] = $"… and more (last at iteration {iteration})";
            }
        }
    }

    /// <summary>The line the report keeps (docs/operations.md quotes them).</summary>
    public string Summary => $"fuzz {parser}: {Tried} inputs tried, {Parsed} parsed ({RecordsRefused} records refused with reasons), {TypedErrors} refused whole with a typed error, {_crashes.Count} crashes";

    /// <summary>Writes the summary to the test output and fails listing the crashes, if any.</summary>
    public void Report()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(Summary);
        TestContext.Current.SendDiagnosticMessage(Summary);
        FuzzLedger.Add(Summary);
        Assert.True(_crashes.Count == 0, $"{Summary}:\n{string.Join("\n", _crashes)}");
    }

    private static string Preview(byte[] input) =>
        Encoding.UTF8.GetString(input, 0, Math.Min(40, input.Length)).Replace('\n', ' ').Replace('\r', ' ');
}
