using Vigil.Detect.Rules;

namespace Vigil.Tests.Detect.Rules;

/// <summary>Loads Elastic's prebuilt AWS rules, when they are next to the repository.</summary>
public class ElasticRulePackTests
{
    private static readonly string[] PackFolders =
        ["rules", "rules_building_block"];

    [Fact]
    public void PackLoadsWithoutErrors()
    {
        var result = LoadPack();

        Assert.Empty(result.Errors);
        Assert.Equal(IndexRows().Count, result.Rules.Count);
    }

    [Fact]
    public void PackHas229Rules()
    {
        Assert.Equal(229, LoadPack().Rules.Count);
    }

    [Fact]
    public void PackTypeCounts()
    {
        var counts = LoadPack().Rules.CountBy(rule => rule.Type).ToDictionary();

        Assert.Equal(102, counts["query"]);
        Assert.Equal(28, counts["eql"]);
        Assert.Equal(40, counts["esql"]);
        Assert.Equal(49, counts["new_terms"]);
        Assert.Equal(5, counts["threshold"]);
        Assert.Equal(5, counts["machine_learning"]);
        Assert.Equal(6, counts.Count);
    }

    [Fact]
    public void PackMatchesIndexTable()
    {
        var rules = LoadPack().Rules.ToDictionary(rule => Relative(rule.SourcePath!));

        foreach (var row in IndexRows())
        {
            var rule = rules[row["file"]];
            Assert.Equal((row["file"], row["name"]), (row["file"], rule.Name));
            Assert.Equal((row["file"], row["type"]), (row["file"], rule.Type));
            Assert.Equal((row["file"], row["language"]), (row["file"], rule.Language ?? ""));
            Assert.Equal((row["file"], row["severity"]), (row["file"], rule.Severity));
            Assert.Equal((row["file"], row["risk_score"]), (row["file"], rule.RiskScore.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal((row["file"], row["rule_id"]), (row["file"], rule.RuleId));
            Assert.Equal((row["file"], Defaulted(row["interval"])), (row["file"], rule.Interval));
            Assert.Equal((row["file"], Defaulted(row["from"])), (row["file"], rule.From));
            Assert.Equal((row["file"], Defaulted(row["max_signals"])), (row["file"], rule.MaxSignals.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal((row["file"], row["index"]), (row["file"], string.Join(',', rule.Index)));
            Assert.Equal((row["file"], row["timestamp_override"]), (row["file"], rule.TimestampOverride ?? ""));
            Assert.Equal((row["file"], row["building_block_type"]), (row["file"], rule.BuildingBlockType ?? ""));
        }
    }

    [Fact]
    public void PackKeepsNewTermsFields()
    {
        var newTerms = LoadPack().Rules.Where(rule => rule.Type == "new_terms").ToList();

        Assert.All(newTerms, rule => Assert.True(rule.OtherFields.ContainsKey("new_terms"), rule.SourcePath));
    }

    [Fact]
    public void PackEveryRuleHasThreatTactic()
    {
        var rules = LoadPack().Rules.Where(rule => rule.Threat.Count > 0).ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules.SelectMany(rule => rule.Threat), mapping => Assert.StartsWith("TA", mapping.Tactic.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void HistoryVersionsLoad()
    {
        SkipUnlessPresent();

        var result = RuleLoader.LoadPaths([Path.Combine(TestPaths.ElasticAwsRules, "history")]);

        Assert.Empty(result.Errors);
        Assert.Equal(3, result.Rules.Count);
        Assert.All(result.Rules, rule => Assert.Equal("93075852-b0f5-4b8b-89c3-a226efae5726", rule.RuleId));
    }

    [Fact]
    public void HistoryDocumentedVersionQueriesAssumedRole()
    {
        SkipUnlessPresent();
        var file = Directory.GetFiles(Path.Combine(TestPaths.ElasticAwsRules, "history"), "*as-documented.toml").Single();

        var rule = RuleLoader.ParseToml(File.ReadAllText(file), file);

        Assert.Contains("event.action:AssumedRole", rule.Query, StringComparison.Ordinal);
        Assert.Equal("event.ingested", rule.TimestampOverride);
        Assert.Equal("5m", rule.Interval);
        Assert.Equal("now-6m", rule.From);
        Assert.Equal(100, rule.MaxSignals);
    }

    /// <summary>The pack loaded once for all tests of this class, which only read it.</summary>
    private static readonly Lazy<RuleLoadResult> Pack =
        new(() => RuleLoader.LoadPaths(PackFolders.Select(folder => Path.Combine(TestPaths.ElasticAwsRules, folder))));

    private static RuleLoadResult LoadPack()
    {
        SkipUnlessPresent();
        return Pack.Value;
    }

    private static List<Dictionary<string, string>> IndexRows()
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.ElasticAwsRules, "INDEX.tsv"));
        var header = lines[0].Split('\t');
        return lines.Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => header.Zip(line.Split('\t')).ToDictionary(pair => pair.First, pair => pair.Second))
            .ToList();
    }

    private static string Defaulted(string value) =>
        value.StartsWith("(default ", StringComparison.Ordinal) ? value["(default ".Length..^1] : value;

    private static string Relative(string path) =>
        Path.GetRelativePath(TestPaths.ElasticAwsRules, path).Replace('\\', '/');

    private static void SkipUnlessPresent() =>
        Assert.SkipUnless(Directory.Exists(TestPaths.ElasticAwsRules), "Elastic's rule pack is not next to the repository");
}
