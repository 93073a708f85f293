using Vigil.Detect.Rules;

namespace Vigil.Tests.Detect.Rules;

/// <summary>
/// Feeds each file of <c>Fixtures/rules/invalid</c> to the loader. The file's first line,
/// <c># error: (line,column): message</c>, is the one error the loader must report.
/// </summary>
public class RuleLoadErrorCaseTests
{
    private const string ExpectationPrefix = "# error: ";

    public static TheoryData<string> Cases() =>
        new(Directory.GetFiles(Path.Combine(TestPaths.RuleFixtures, "invalid"), "*.toml")
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void InvalidFileReportsError(string fileName)
    {
        var file = Path.Combine(TestPaths.RuleFixtures, "invalid", fileName);
        var expected = File.ReadLines(file).First()[ExpectationPrefix.Length..];

        var result = RuleLoader.LoadPaths([file]);

        Assert.Empty(result.Rules);
        var error = Assert.Single(result.Errors);
        Assert.Equal(file, error.File);
        Assert.Equal(expected, Describe(error));
    }

    private static string Describe(RuleLoadError error) =>
        error.Line is null ? error.Message : $"({error.Line},{error.Column}): {error.Message}";
}
