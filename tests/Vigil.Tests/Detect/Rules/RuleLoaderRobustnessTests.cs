using CsCheck;
using Vigil.Detect.Rules;

namespace Vigil.Tests.Detect.Rules;

/// <summary>Damaged rule files end in load errors, never in exceptions.</summary>
public class RuleLoaderRobustnessTests
{
    private const string TomlCharacters = "[]=\"'{},.#\n \\a0-";

    private static string FixtureText => File.ReadAllText(TestPaths.RuleFixture("aws-sts-assumerole-usage-v1.toml"));

    [Fact]
    public void EndlessFileIsAnError()
    {
        // A character device that never ends, given by mistake as a rule file.
        Assert.SkipUnless(File.Exists("/dev/zero"), "no /dev/zero here");

        var result = RuleLoader.LoadPaths(["/dev/zero"]);

        Assert.Empty(result.Rules);
        Assert.Contains("larger than 64 Mi characters", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargeTomlFileIsAnError()
    {
        using var folder = new Vigil.Tests.Support.TempDirectory();
        var path = Path.Combine(folder.Path, "junk.toml");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("a=1\n", 600_000)));

        var result = RuleLoader.LoadPaths([path]);

        Assert.Empty(result.Rules);
        Assert.Contains("larger than 2 Mi characters", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedFileNeverThrows()
    {
        var text = FixtureText;

        for (var length = 0; length <= text.Length; length++)
        {
            var parsed = RuleLoader.TryParseToml(text[..length], "truncated.toml", out _, out var errors);

            Assert.True(parsed || errors.Count > 0, $"no rule and no error at length {length}");
        }
    }

    [Fact]
    public void EditedFileNeverThrows()
    {
        var text = FixtureText;
        var edits = Gen.Select(Gen.Int[0, text.Length], Gen.Int[0, 8], Gen.String[TomlCharacters]);

        edits.Sample(
            (start, removed, inserted) =>
            {
                var end = Math.Min(text.Length, start + removed);
                var edited = string.Concat(text.AsSpan(0, start), inserted, text.AsSpan(end));

                var parsed = RuleLoader.TryParseToml(edited, "edited.toml", out _, out var errors);

                Assert.True(parsed || errors.Count > 0);
            },
            iter: 2000);
    }
}
