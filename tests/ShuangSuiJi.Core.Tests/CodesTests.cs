using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Core.Tests;

public sealed class CodesTests
{
    [Theory]
    [InlineData("360103", null)]
    [InlineData("36010", "is not 6 digits")]
    [InlineData("36010A", "is not 6 digits")]
    [InlineData("000103", "has no province")]
    [InlineData("", "is empty")]
    public void RegionCode_Problem_ExplainsWhatIsWrong(string code, string? problem)
    {
        var actual = RegionCode.Problem(code);
        if (problem is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Contains(problem, actual, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("360000", "36")]
    [InlineData("360100", "3601")]
    [InlineData("360103", "360103")]
    public void RegionCode_ScopePrefix_CoversEverythingInside(string code, string prefix) => Assert.Equal(prefix, RegionCode.ScopePrefix(code));

    [Theory]
    [InlineData("赣36010012345", null)]
    [InlineData("36010012345", "not a province character")]
    [InlineData("赣3601001234X", "not a province character")]
    [InlineData("赣00010012345", "issuing region")]
    public void CertificateNumber_Problem_ExplainsWhatIsWrong(string number, string? problem)
    {
        var actual = CertificateNumber.Problem(number);
        if (problem is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.Contains(problem, actual, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CertificateNumber_WithoutProvince_DropsTheLeadingCharacter() =>
        Assert.Equal("36010012345", CertificateNumber.WithoutProvince("赣36010012345"));

    [Fact]
    public void IdNumber_ToString_IsMaskedEverywhere()
    {
        var id = new IdNumber("360103199001011234");

        Assert.Equal("360***********1234", id.ToString());
        Assert.Equal("ID 360***********1234", $"ID {id}");
        Assert.DoesNotContain("19900101", $"{new { Id = id }}", StringComparison.Ordinal);
    }

    [Fact]
    public void PhoneNumber_ToString_IsMasked() => Assert.Equal("138****5678", new PhoneNumber("13812345678").ToString());
}
