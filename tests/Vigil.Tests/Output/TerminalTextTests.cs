using Vigil.Output;

namespace Vigil.Tests.Output;

public class TerminalTextTests
{
    [Theory]
    [InlineData("\u001b[2J", "\\u001B[2J")]
    [InlineData("title\u0007", "title\\u0007")]
    [InlineData("line\nbreak", "line\\u000Abreak")]
    [InlineData("admin\u202Etxt.exe", "admin\\u202Etxt.exe")]
    [InlineData("ok\u2028fake row", "ok\\u2028fake row")]
    [InlineData("ok\u2029fake row", "ok\\u2029fake row")]
    [InlineData("next\u0085line", "next\\u0085line")]
    public void ControlCharactersAreEscaped(string raw, string expected)
    {
        Assert.Equal(expected, TerminalText.Sanitize(raw));
    }

    [Fact]
    public void PlainTextIsUnchanged()
    {
        const string text = "arn:aws:iam::111122223333:role/Admin [ops] é";

        Assert.Same(text, TerminalText.Sanitize(text));
    }
}
