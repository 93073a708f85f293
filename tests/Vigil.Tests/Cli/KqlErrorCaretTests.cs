using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// The caret under a <c>vigil kql parse</c> syntax error is in the terminal column of the error: a
/// wide (East Asian) character takes two columns and a combining mark none.
/// </summary>
public sealed class KqlErrorCaretTests
{
    [Theory]
    [InlineData("a:\"日本語テキスト\" and (", 24)]
    [InlineData("a:\"e\u0301te\u0301\" and (", 13)]
    [InlineData("a:\"plain\" and (", 15)]
    public void CaretUnderErrorColumn(string query, int columnsBeforeError)
    {
        var result = CliRunner.Run("kql", "parse", query);

        Assert.Equal(1, result.ExitCode);
        var lines = result.StandardError.Split('\n');
        var echo = Array.FindIndex(lines, line => line == "  " + query);
        Assert.True(echo >= 0, result.StandardError);
        var caret = lines[echo + 1];
        Assert.Equal(new string(' ', 2 + columnsBeforeError) + "^", caret);
    }
}
