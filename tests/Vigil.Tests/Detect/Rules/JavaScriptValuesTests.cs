using System.Text.Json.Nodes;
using Vigil.Detect.Rules;

namespace Vigil.Tests.Detect.Rules;

/// <summary>JavaScript's conversions, with the results Node.js gives for the same inputs.</summary>
public class JavaScriptValuesTests
{
    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(90, "90")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e21, "1e+21")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(-0.0, "0")]
    public void NumberText_MatchesJavaScriptString(double number, string expected) =>
        Assert.Equal(expected, JavaScriptValues.NumberText(number));

    [Theory]
    [InlineData("42", 42)]
    [InlineData("  42.5\n", 42.5)]
    [InlineData("", 0)]
    [InlineData("0x1F", 31)]
    [InlineData("1e2", 100)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    public void ParseNumber_MatchesJavaScriptNumber(string text, double expected) =>
        Assert.Equal(expected, JavaScriptValues.ParseNumber(text));

    [Theory]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("+0x10")]
    [InlineData("1_000")]
    [InlineData("٣")]
    public void ParseNumber_NotANumber(string text) =>
        Assert.True(double.IsNaN(JavaScriptValues.ParseNumber(text)));

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("2", true)]
    [InlineData("\"\"", false)]
    [InlineData("\"no\"", true)]
    [InlineData("null", false)]
    [InlineData("{}", true)]
    [InlineData("[]", true)]
    public void IsTruthy_MatchesJavaScript(string json, bool expected) =>
        Assert.Equal(expected, JavaScriptValues.IsTruthy(JsonNode.Parse(json)));
}
