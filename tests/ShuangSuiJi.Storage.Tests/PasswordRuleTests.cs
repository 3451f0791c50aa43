using CsCheck;
using ShuangSuiJi.Storage.Access;

namespace ShuangSuiJi.Storage.Tests;

/// <summary>The provincial password rule: length, letters, digits, special characters, not the account name.</summary>
public sealed class PasswordRuleTests
{
    private static readonly Gen<string> Letters = Gen.Char['a', 'z'].Array[1, 6].Select(c => new string(c));
    private static readonly Gen<string> Digits = Gen.Char['0', '9'].Array[1, 6].Select(c => new string(c));
    private static readonly Gen<string> Specials = Gen.Char["!@#$%^&*-_=+.,;:?~ "].Array[1, 6].Select(c => new string(c));

    [Theory]
    [InlineData("Abc-1234")]
    [InlineData("A-New-Secret-2026")]
    [InlineData("口令Pass 9!")]
    public void Check_LettersDigitsAndSpecialsOfEightOrMore_IsAccepted(string password) =>
        Assert.Null(PasswordRule.Check("zhang.wei", password));

    [Theory]
    [InlineData("Ab-1234", "at least 8")]
    [InlineData("abcdefgh12", "missing a special character")]
    [InlineData("abcdefgh-!", "missing a digit")]
    [InlineData("12345678-!", "missing a letter")]
    [InlineData("zhang.wei-2026", "contains the account name")]
    [InlineData("ZHANG.WEI-2026", "contains the account name")]
    public void Check_BrokenRule_NamesTheRuleAndTheReason(string password, string reason)
    {
        var problem = PasswordRule.Check("zhang.wei", password);

        Assert.NotNull(problem);
        Assert.StartsWith("password rule: at least 8 characters mixing letters, digits and special characters", problem.English, StringComparison.Ordinal);
        Assert.Contains(reason, problem.English, StringComparison.Ordinal);
        Assert.StartsWith("密码至少 8 个字符", problem.Chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void AnyMixOfTheThreeKindsReachingEightCharacters_IsAccepted() =>
        Gen.Select(Letters, Digits, Specials, Gen.Int[0, 5]).Sample((letters, digits, specials, order) =>
        {
            string[] parts = [letters, digits, specials];
            var password = string.Concat(parts.Skip(order % 3).Concat(parts.Take(order % 3)));
            return (password.Length >= PasswordRule.MinLength) == (PasswordRule.Check("operator", password) is null);
        });

    [Fact]
    public void APasswordLackingOneKind_IsAlwaysRefused() =>
        Gen.Select(Letters, Digits, Specials, Gen.Int[0, 2]).Sample((letters, digits, specials, dropped) =>
        {
            string[] parts = [letters, digits, specials];
            var password = string.Concat(parts.Where((_, i) => i != dropped));
            return PasswordRule.Check("operator", password + password + password) is not null;
        });
}
