using ShuangSuiJi.Core.Codes;

namespace ShuangSuiJi.Core.Tests;

public sealed class SensitiveTextTests
{
    [Theory]
    [InlineData("""{"ZJHM":"36010219800101123X"}""", """{"ZJHM":"360***********123X"}""")]
    [InlineData("tel 13812345678.", "tel 138****5678.")]
    [InlineData("uscc 91360103MA38B2LM2C stays", "uscc 91360103MA38B2LM2C stays")]
    [InlineData("order 1381234567890 is not a phone", "order 1381234567890 is not a phone")]
    public void Mask_HidesIdAndPhoneNumbers_AndLeavesCodesAlone(string text, string expected) =>
        Assert.Equal(expected, SensitiveText.Mask(text));
}
