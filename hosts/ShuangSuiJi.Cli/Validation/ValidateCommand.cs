using System.CommandLine;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Cli.Validation;

/// <summary><c>ssj validate uscc CODE...</c>: checks unified social credit codes and says why each bad one is bad.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var codes = new Argument<string[]>("codes")
        {
            Description = "One or more 18-character unified social credit codes (统一社会信用代码).",
            Arity = ArgumentArity.OneOrMore,
        };
        var uscc = new Command("uscc", "Check unified social credit codes, including the GB 32100 check character.") { codes };
        uscc.SetAction(parse => Run(parse.GetRequiredValue(codes), parse.InvocationConfiguration.Output));

        return new Command("validate", "Validate codes the hub relies on.") { uscc };
    }

    internal static int Run(IReadOnlyList<string> codes, TextWriter output)
    {
        var invalid = 0;
        foreach (var code in codes)
        {
            var check = Uscc.Check(code);
            if (check.IsValid)
            {
                output.WriteLine($"valid    {code}");
                continue;
            }

            invalid++;
            var hint = check.ExpectedCheckCharacter is { } expected ? $" (expected check character '{expected}': {code[..^1]}{expected})" : "";
            var normalized = Uscc.Normalize(code);
            if (normalized != code && Uscc.IsValid(normalized))
            {
                hint += $" (valid once normalised: {normalized})";
            }

            output.WriteLine($"invalid  {code}: {check.Reason}{hint}");
        }

        output.WriteLine($"{codes.Count - invalid} valid, {invalid} invalid");
        return invalid == 0 ? ExitCodes.Success : ExitCodes.Findings;
    }
}
