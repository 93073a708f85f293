using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

public class RuleValidatorTests
{
    private const string ValidRule = """
        [metadata]
        creation_date = "2024/01/01"

        [rule]
        rule_id = "RULE_ID"
        name = "Test rule"
        description = "A test rule."
        type = "TYPE"
        severity = "low"
        risk_score = 21
        index = ["logs-aws.cloudtrail-*"]
        language = "kuery"
        from = "FROM"
        query = '''
        event.dataset:aws.cloudtrail and
          event.action:(CreateUser or
        '''
        """;

    [Fact]
    public void PackValidates()
    {
        var pack = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");

        var result = RuleValidator.ValidatePaths([Path.Combine(pack, "rules"), Path.Combine(pack, "rules_building_block")]);

        Assert.Empty(result.Errors);
        Assert.Equal(229, result.Rules.Count);
    }

    [Fact]
    public void HistoryFilesValidate()
    {
        var history = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws", "history");

        foreach (var file in Directory.GetFiles(history, "*.toml"))
        {
            Assert.Empty(RuleValidator.ValidatePaths([file]).Errors);
        }
    }

    [Fact]
    public void KqlSyntaxErrorMapsToFileLine()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "a.toml", Rule("a", query: "event.action:CreateUser )"));

        var error = Assert.Single(RuleValidator.ValidatePaths([path]).Errors);

        Assert.Equal(16, error.Line);
        Assert.Equal(File.ReadAllLines(path)[15].IndexOf(')', StringComparison.Ordinal) + 1, error.Column);
        Assert.Contains("invalid KQL in rule.query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectedValueMapsToFileLine()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "a.toml", Rule("a", query: "source.ip:notanip"));

        var result = RuleValidator.ValidatePaths([path]);

        var error = Assert.Single(result.Errors);
        Assert.Empty(result.Rules);
        Assert.Equal(16, error.Line);
        Assert.Equal(File.ReadAllLines(path)[15].IndexOf("notanip", StringComparison.Ordinal) + 1, error.Column);
        Assert.Contains("invalid query in rule.query", error.Message, StringComparison.Ordinal);
        Assert.Contains("`notanip` on the ip field `source.ip`", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadFromDateMath()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "a.toml", Rule("a", from: "now-6x"));

        var error = Assert.Single(RuleValidator.ValidatePaths([path]).Errors);

        Assert.Equal(13, error.Line);
        Assert.Contains("invalid rule.from \"now-6x\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("now-6m", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("now-\uFF16m")]
    [InlineData("now-\u0666m")]
    public void NonAsciiDigitInFromRejected(string from)
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "a.toml", Rule("a", from: from));

        var error = Assert.Single(RuleValidator.ValidatePaths([path]).Errors);

        Assert.Contains($"invalid rule.from \"{from}\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999999999d")]
    [InlineData("0m")]
    public void IntervalSchedulerRejectsIsError(string interval)
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "a.toml", Rule("a").Replace("[rule]\n", $"[rule]\ninterval = \"{interval}\"\n", StringComparison.Ordinal));

        var error = Assert.Single(RuleValidator.ValidatePaths([path]).Errors);

        Assert.Contains($"invalid rule.interval \"{interval}\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("now+5m", "now")]
    [InlineData("now", "now")]
    [InlineData("now-5m", "now-10m")]
    [InlineData("now/d", "now/d")]
    [InlineData("now+1d/d", "now")]
    public void FromNotBeforeToIsError(string from, string to)
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "a.toml", Rule("a", from: from).Replace("from = ", $"to = \"{to}\"\nfrom = ", StringComparison.Ordinal));

        var error = Assert.Single(RuleValidator.ValidatePaths([path]).Errors);

        Assert.Equal(14, error.Line);
        Assert.Contains($"invalid rule.from \"{from}\": it must be before rule.to \"{to}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(to == "now" ? "such as \"now-6m\"" : $"set a time before rule.to \"{to}\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("now/d", "now")]
    [InlineData("now-1M", "now-30d")]
    [InlineData("now-1d/d", "now/d")]
    public void FromBeforeToAtSomeRunsIsValid(string from, string to)
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "a.toml", Rule("a", from: from).Replace("from = ", $"to = \"{to}\"\nfrom = ", StringComparison.Ordinal));

        Assert.Empty(RuleValidator.ValidatePaths([path]).Errors);
    }

    [Fact]
    public void HugeFromIsError()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "a.toml", Rule("a", from: "now-999999999d"));

        var error = Assert.Single(RuleValidator.ValidatePaths([path]).Errors);

        Assert.Contains("invalid rule.from \"now-999999999d\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAsciiDigitInIntervalRejected()
    {
        using var folder = new TempDirectory();
        var text = Rule("a").Replace("[rule]\n", "[rule]\ninterval = \"\uFF15m\"\n", StringComparison.Ordinal);
        var path = Write(folder, "a.toml", text);

        var error = Assert.Single(RuleValidator.ValidatePaths([path]).Errors);

        Assert.Contains("interval", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"5m\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HistoryWindowAfterFrom()
    {
        using var folder = new TempDirectory();
        var text = Rule("a", type: "new_terms") + """

            [rule.new_terms]
            field = "new_terms_fields"
            value = ["user.name"]
            [[rule.new_terms.history_window_start]]
            field = "history_window_start"
            value = "now-1m"
            """;
        var path = Write(folder, "a.toml", text);

        var error = Assert.Single(RuleValidator.ValidatePaths([path]).Errors);

        Assert.Contains("history_window_start \"now-1m\": it must start before rule.from \"now-6m\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(18, error.Line);
    }

    [Fact]
    public void DuplicateRuleIdAcrossFolder()
    {
        using var folder = new TempDirectory();
        Write(folder, "a.toml", Rule("same"));
        var second = Write(folder, Path.Combine("sub", "b.toml"), Rule("same"));

        var error = Assert.Single(RuleValidator.ValidatePaths([folder.Path]).Errors);

        Assert.Equal(second, error.File);
        Assert.Contains("duplicate rule_id \"same\"", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, error.Line);
    }

    [Fact]
    public void LoaderErrorsIncluded()
    {
        using var folder = new TempDirectory();
        var path = Write(folder, "a.toml", Rule("a", type: "querry"));

        var error = Assert.Single(RuleValidator.ValidatePaths([path]).Errors);

        Assert.Contains("invalid rule.type \"querry\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryErrorOfFileReported()
    {
        using var folder = new TempDirectory();
        var text = Rule("a", from: "now-6q")
            .Replace("risk_score = 21", "risk_score = 210", StringComparison.Ordinal)
            .Replace("severity = \"low\"", "severity = \"lowest\"", StringComparison.Ordinal);
        var path = Write(folder, "a.toml", text);

        var errors = RuleValidator.ValidatePaths([path]).Errors;

        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, error => error.Message.Contains("invalid rule.from \"now-6q\"", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Line == 13);
    }

    private static string Rule(string ruleId, string type = "query", string from = "now-6m", string query = "event.action:CreateUser") =>
        ValidRule.Replace("RULE_ID", ruleId, StringComparison.Ordinal)
            .Replace("TYPE", type, StringComparison.Ordinal)
            .Replace("FROM", from, StringComparison.Ordinal)
            .Replace("  event.action:(CreateUser or", "  " + query, StringComparison.Ordinal);

    private static string Write(TempDirectory folder, string name, string text)
    {
        var path = Path.Combine(folder.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
