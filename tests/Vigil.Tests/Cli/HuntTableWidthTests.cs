using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// The hunt's alert table fits the terminal's width and keeps every value whole on one line, so that
/// an address, a user name or an action can be copied from it.
/// </summary>
public partial class HuntTableWidthTests
{
    private const string RuleName = "AWS Security Token Service (STS) AssumeRole Usage";

    // An IAM Identity Center role name, 51 characters long, and an IPv6 source.
    private const string LongUser = "AWSReservedSSO_AdministratorAccess_0123456789abcdef";
    private const string Ipv6 = "2001:db8:85a3:1234:5678:8a2e:370:7334";

    [Theory]
    [InlineData(60)]
    [InlineData(70)]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(120)]
    [InlineData(130)]
    public void SampleValuesStayWhole(int width)
    {
        var lines = HuntLines(RepoPaths.Samples, width);

        AssertFits(lines, width);
        foreach (var value in new[] { "203.0.113.24", "198.51.100.7", "DeployRole", "AdminRole", "etl-lambda-role", "AssumeRole", RuleName })
        {
            Assert.Contains(lines, line => line.Contains(value, StringComparison.Ordinal));
        }

        Assert.Equal(2, lines.Count(line => line.Contains("203.0.113.24", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(140)]
    public void LongValuesStayWhole(int width)
    {
        using var temp = new TempDirectory();
        var file = WriteAlerts(temp, LongUser);

        var lines = HuntLines(file, width);

        AssertFits(lines, width);
        Assert.Contains(lines, line => line.Contains(LongUser, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(Ipv6, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("198.51.100.1", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains(RuleName, StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(line => line.Contains("AssumeRole", StringComparison.Ordinal) && !line.Contains(RuleName, StringComparison.Ordinal)));
    }

    [Fact]
    public void ValueWiderThanLabelRoom_OwnLine()
    {
        using var temp = new TempDirectory();
        var user = "user-" + new string('x', 55);
        var file = WriteAlerts(temp, user);

        var lines = HuntLines(file, 60);

        AssertFits(lines, 60);
        Assert.Contains(user, lines);
    }

    [Fact]
    public void ValueWiderThanLine_Shortened()
    {
        using var temp = new TempDirectory();
        var user = "user-" + new string('x', 59);
        var file = WriteAlerts(temp, user);

        var lines = HuntLines(file, 60);

        AssertFits(lines, 60);
        Assert.Contains(lines, line => line.StartsWith("User     user-xxx", StringComparison.Ordinal) && line.EndsWith('…'));
        Assert.DoesNotContain(lines, line => line.Contains(user, StringComparison.Ordinal));
    }

    [Fact]
    public void ShortenedBlockValue_EscapeWhole()
    {
        using var temp = new TempDirectory();

        // Escaped, the override starts at column 48 of the 63, so a cut at the block's 51 columns falls inside it.
        var user = "user-" + new string('x', 42) + "\u202E" + new string('y', 10);
        var file = WriteAlerts(temp, user);

        var lines = HuntLines(file, 60);

        var shortened = Assert.Single(lines, line => line.StartsWith("User     user-xxx", StringComparison.Ordinal));
        AssertFits(lines, 60);
        Assert.EndsWith("xxx…", shortened, StringComparison.Ordinal);
        Assert.DoesNotMatch(PartialEscape(), shortened);
    }

    [Fact]
    public void LongRuleName_EscapeWholeInSummary()
    {
        using var temp = new TempDirectory();
        var rule = Path.Combine(temp.Path, "rule.toml");
        var toml = Vigil.Detect.Rules.BuiltIn.AwsStsAssumeRoleUsage.Toml;
        Assert.Contains(RuleName, toml, StringComparison.Ordinal);

        // Escaped, the override spans characters 61 to 66 of the name, across the table's cut at 63.
        File.WriteAllText(rule, toml.Replace(RuleName, new string('z', 60) + "\\u202E", StringComparison.Ordinal));

        var result = CliRunner.Run("hunt", RepoPaths.Samples, "--rules", rule);

        var summary = Assert.Single(result.StandardError.Split('\n'), line => line.Contains("zzz…", StringComparison.Ordinal));
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotMatch(PartialEscape(), summary);
        Assert.DoesNotMatch(PartialEscape(), result.StandardOutput);
    }

    [Theory]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    public void SeparatorInValue_NoForgedRow(char separator)
    {
        using var temp = new TempDirectory();
        var file = WriteAlerts(temp, $"ok{separator}  2026-12-01T00:00:00.000Z   Fake Rule   high   root");

        var output = HuntLines(file, 140);

        Assert.DoesNotContain(output, line => line.Contains(separator, StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains($"ok\\u{(int)separator:X4}", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.TrimStart().StartsWith("2026-12-01T00:00:00.000Z   Fake Rule", StringComparison.Ordinal));
    }

    /// <summary>Writes two role-chaining records whose sessions' role is named <paramref name="user"/>, one from an IPv6 address.</summary>
    private static string WriteAlerts(TempDirectory temp, string user)
    {
        var records = new[] { RoleChaining.Record(1, "2026-12-01T10:00:00Z"), RoleChaining.Record(2, "2026-12-01T10:01:00Z") };
        records[0]["userIdentity"]!["sessionContext"]!["sessionIssuer"]!["userName"] = user;
        records[1]["sourceIPAddress"] = Ipv6;
        var file = Path.Combine(temp.Path, "chains.ndjson");
        File.WriteAllLines(file, records.Select(record => record.ToJsonString()));
        return file;
    }

    private static string[] HuntLines(string path, int width)
    {
        var result = CliRunner.RunWithEnvironment(new Dictionary<string, string?> { ["COLUMNS"] = width.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "hunt", path);
        Assert.True(result.ExitCode == 0, result.StandardError);
        return result.StandardOutput.Split('\n');
    }

    // A backslash and u with fewer than the four hex digits of a whole \uXXXX escape.
    [GeneratedRegex(@"\\u[0-9A-F]{0,3}(?![0-9A-F])")]
    private static partial Regex PartialEscape();

    private static void AssertFits(string[] lines, int width)
    {
        foreach (var line in lines)
        {
            Assert.True(line.GetCellWidth() <= width, $"{line.GetCellWidth()} columns at width {width}: {line}");
        }
    }
}
