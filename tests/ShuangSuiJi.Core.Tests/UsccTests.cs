using CsCheck;
using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Core.Tests;

public sealed class UsccTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91360102MA35K7QW13")]
    [InlineData("91360103MA38B2LM2C")]
    [InlineData("92360111MA3ABCDE17")]
    [InlineData("11360000014500283D")]
    public void Check_ContractExamples_AreValid(string code) => Assert.True(Uscc.Check(code).IsValid);

    [Fact]
    public void Check_WrongCheckCharacter_NamesTheExpectedOne()
    {
        var check = Uscc.Check("91350100M000100Y44");

        Assert.False(check.IsValid);
        Assert.Equal('3', check.ExpectedCheckCharacter);
        Assert.Contains("expected '3'", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("91350100M000100Y4", "has 17 characters")]
    [InlineData("91350100m000100Y43", "character 9 is lower case")]
    [InlineData("91350100M000 00Y43", "character 13 is whitespace")]
    [InlineData("91350100I000100Y43", "'I' is not in the credit-code alphabet")]
    public void Check_MalformedCode_SaysWhereAndWhy(string code, string reason) =>
        Assert.Contains(reason, Uscc.Check(code).Reason, StringComparison.Ordinal);

    [Fact]
    public void Normalize_LowerCaseAndSpaces_GiveTheValidCode() =>
        Assert.Equal("91360103MA38B2LM2C", Uscc.Normalize(" 91360103ma38b2lm2c　"));

    private static readonly Gen<string> First17 = Gen.Char[Uscc.Alphabet].Array[17].Select(chars => new string(chars));

    [Fact]
    public void ComputedCheckCharacter_AlwaysMakesAValidCode() =>
        First17.Sample(body => Uscc.IsValid(body + Uscc.ComputeCheckCharacter(body)));

    [Fact]
    public void ChangingAnyOneCharacter_IsAlwaysDetected() =>
        Gen.Select(First17, Gen.Int[0, 17], Gen.Int[1, 30]).Sample((body, position, shift) =>
        {
            var code = (body + Uscc.ComputeCheckCharacter(body)).ToCharArray();
            var value = Uscc.Alphabet.IndexOf(code[position], StringComparison.Ordinal);
            code[position] = Uscc.Alphabet[(value + shift) % 31];
            return !Uscc.IsValid(new string(code));
        });
}
