using System.Text.RegularExpressions;
using Vigil.Cli;

namespace Vigil.Tests.Cli;

/// <summary>A table cell shortened to its maximum keeps every escape and surrogate pair whole.</summary>
public partial class AlertTableCellTests
{
    [Theory]
    [InlineData(56)]
    [InlineData(57)]
    [InlineData(58)]
    [InlineData(59)]
    [InlineData(60)]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(63)]
    public void EscapeNeverSplit(int prefix)
    {
        var cell = AlertTableLayout.Cell(new string('z', prefix) + "\u2028\u2029\u202E");

        Assert.EndsWith("…", cell, StringComparison.Ordinal);
        Assert.True(cell.Length <= AlertTableLayout.MaxCellLength);
        Assert.Matches(WholeEscapes(), cell[..^1]);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    [InlineData(63)]
    public void SurrogatePairNeverSplit(int prefix)
    {
        var cell = AlertTableLayout.Cell(new string('z', prefix) + "😀😀😀");

        Assert.False(char.IsHighSurrogate(cell[^2]), $"cut after a high surrogate: {cell}");
    }

    // Text in which every backslash starts a whole \uXXXX escape.
    [GeneratedRegex(@"^([^\\]|\\u[0-9A-F]{4})*$")]
    private static partial Regex WholeEscapes();
}
