using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect.Rules;

public class KibanaFormatTests
{
    [Fact]
    public void PackRoundTripsThroughNdjson()
    {
        var pack = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var fromToml = RuleLoader.LoadPaths([pack]).Rules;

        var fromNdjson = KibanaNdjson.Read(KibanaNdjson.Write(fromToml), "export.ndjson");

        Assert.Equal("", string.Join("\n", fromNdjson.Errors.Take(5)));
        Assert.Equal(fromToml.Count, fromNdjson.Rules.Count);
        foreach (var (expected, actual) in fromToml.Zip(fromNdjson.Rules))
        {
            AssertSameRule(expected, actual);
        }
    }

    [Fact]
    public void NewTermsFlattened()
    {
        var pack = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var rule = RuleLoader.LoadPaths([pack]).Rules.First(rule => rule.Type == "new_terms");

        var json = KibanaRuleJson.Write(rule);

        Assert.False(json.ContainsKey("new_terms"));
        Assert.NotEmpty(json["new_terms_fields"]!.AsArray());
        Assert.StartsWith("now-", json["history_window_start"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void TomlKeysAllWritten()
    {
        var rule = Fixture("aws-sts-assumerole-usage-v1.toml");

        var json = KibanaRuleJson.Write(rule);

        foreach (var key in new[] { "rule_id", "name", "description", "query", "index", "severity", "risk_score", "threat", "timestamp_override", "references", "tags", "author", "license" })
        {
            Assert.True(json.ContainsKey(key), key);
        }
    }

    [Fact]
    public void SummaryAndExceptionListsSkipped()
    {
        var rule = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml")).ToJsonString();
        var text = rule + "\n"
            + """{"list_id":"endpoint_list","type":"endpoint","name":"Endpoint list","namespace_type":"agnostic"}""" + "\n"
            + """{"item_id":"x","list_id":"endpoint_list","entries":[]}""" + "\n"
            + """{"exported_count":1,"exported_rules_count":1,"missing_rules":[],"missing_rules_count":0}""" + "\n";

        var result = KibanaNdjson.Read(text, "export.ndjson");

        Assert.Empty(result.Errors);
        Assert.Single(result.Rules);
    }

    [Fact]
    public void SavedObjectIdKept()
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml"));
        json["id"] = "6f1c3c2e-0000-4000-8000-000000000001";

        var rule = Assert.Single(KibanaNdjson.Read(json.ToJsonString(), "rule.ndjson").Rules);

        Assert.Equal("6f1c3c2e-0000-4000-8000-000000000001", rule.Uuid);
    }

    [Fact]
    public void InvalidRiskScoreNamesLineAndPath()
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml"));
        json["risk_score"] = 150;
        var text = "{\"exported_count\":0}\n" + json.ToJsonString() + "\n";

        var error = Assert.Single(KibanaNdjson.Read(text, "export.ndjson").Errors);

        Assert.Equal(2, error.Line);
        Assert.StartsWith("invalid $.risk_score 150", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKeyNamesLineAndKey()
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml")).ToJsonString();
        var duplicated = json.Insert(1, "\"severity\":\"low\",");
        var text = json + "\n" + duplicated + "\n";

        var result = KibanaNdjson.Read(text, "export.ndjson");

        var error = Assert.Single(result.Errors);
        Assert.Single(result.Rules);
        Assert.Equal(2, error.Line);
        Assert.Contains("severity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKeyInPrettyJsonPositioned()
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml"));
        json["meta"] = new JsonObject { ["team"] = "MARK" };
        var text = json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })
            .Replace("\"team\": \"MARK\"", "\"team\": \"a\",\n    \"team\": \"b\"", StringComparison.Ordinal);
        var lines = text.Split('\n');
        var repeatedLine = Array.FindLastIndex(lines, line => line.Contains("\"team\"", StringComparison.Ordinal)) + 1;

        var error = Assert.Single(KibanaNdjson.Read(text, "rule.json").Errors);

        Assert.Equal(repeatedLine, error.Line);
        Assert.Equal(lines[repeatedLine - 1].IndexOf('"', StringComparison.Ordinal) + 1, error.Column);
        Assert.Contains("duplicate property 'team'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKeyInExportLineColumn()
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml")).ToJsonString();
        var duplicated = json.Insert(json.Length - 1, ",\"severity\":\"low\"");

        var error = Assert.Single(KibanaNdjson.Read(duplicated, "export.ndjson").Errors);

        Assert.Equal(1, error.Line);
        Assert.Equal(json.Length + 1, error.Column);
    }

    [Fact]
    public void DuplicateTomlKeyReported()
    {
        var text = File.ReadAllText(TestPaths.RuleFixture("aws-sts-assumerole-usage-v2.toml"))
            .Replace("[rule]\n", "[rule]\nname = \"first\"\n", StringComparison.Ordinal);

        var parsed = RuleLoader.TryParseToml(text, "duplicate.toml", out _, out var errors);

        Assert.False(parsed);
        Assert.Contains("name", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFieldFixInJsonSyntax()
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml"));
        json.Remove("risk_score");

        var error = Assert.Single(KibanaNdjson.Read(json.ToJsonString(), "export.ndjson").Errors);

        Assert.Contains("add \"risk_score\": 21", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingTacticFieldInJsonWording()
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml"));
        json["threat"]![0]!["tactic"]!.AsObject().Remove("id");

        var error = Assert.Single(KibanaNdjson.Read(json.ToJsonString(), "export.ndjson").Errors);

        Assert.Equal("missing required field $.threat[0].tactic.id: add \"id\": \"...\" to the object at $.threat[0].tactic", error.Message);
    }

    [Fact]
    public void MissingTacticInJsonWording()
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml"));
        json["threat"]![0]!.AsObject().Remove("tactic");

        var error = Assert.Single(KibanaNdjson.Read(json.ToJsonString(), "export.ndjson").Errors);

        Assert.StartsWith("missing object $.threat[0].tactic: add a \"tactic\" object", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("table", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\udc00", true)]
    [InlineData("\\ud83d and more", true)]
    [InlineData("\\ud83d\\ude00 paired", false)]
    [InlineData("\\\\udc00 escaped backslash", false)]
    public void LoneSurrogate_NamesLineAndColumn(string note, bool rejected)
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml"));
        json["note"] = "NOTE";
        var line = json.ToJsonString().Replace("\"NOTE\"", $"\"{note}\"", StringComparison.Ordinal);
        var text = "{\"exported_count\":0}\n" + line + "\n";

        var result = KibanaNdjson.Read(text, "export.ndjson");

        Assert.Equal(rejected ? 0 : 1, result.Rules.Count);
        if (rejected)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(2, error.Line);
            Assert.Equal(line.IndexOf(note, StringComparison.Ordinal) + 1, error.Column);
            Assert.Contains("is half of a UTF-16 surrogate pair", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PrettyPrintedRuleJsonReads()
    {
        var json = KibanaRuleJson.Write(Fixture("aws-sts-assumerole-usage-v2.toml"));
        var text = json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

        Assert.Single(KibanaNdjson.Read(text, "rule.json").Rules);
    }

    private static DetectionRule Fixture(string name) =>
        RuleLoader.LoadPaths([TestPaths.RuleFixture(name)]).Rules.Single();

    private static void AssertSameRule(DetectionRule expected, DetectionRule actual)
    {
        var file = expected.SourcePath;
        Assert.True(JsonNode.DeepEquals(KibanaRuleJson.Write(expected), KibanaRuleJson.Write(actual)), file);
        Assert.Equal((file, expected.Uuid), (file, actual.Uuid));
        Assert.Equal((file, Keys(expected.OtherFields)), (file, Keys(actual.OtherFields)));
        Assert.Equal((file, Keys(expected.Metadata.OtherFields)), (file, Keys(actual.Metadata.OtherFields)));
        Assert.Equal((file, expected.Metadata.Integration.Count), (file, actual.Metadata.Integration.Count));
        Assert.Equal((file, expected.Metadata.UpdatedDate), (file, actual.Metadata.UpdatedDate));
    }

    private static string Keys(IReadOnlyDictionary<string, JsonNode?> fields) =>
        string.Join(",", fields.Keys.Order(StringComparer.Ordinal));
}
