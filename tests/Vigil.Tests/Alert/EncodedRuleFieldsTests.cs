using System.Text;
using System.Text.Json.Nodes;
using Vigil.Alert;
using Vigil.Detect.Rules;
using Vigil.Output;
using Vigil.Tests.Support;

namespace Vigil.Tests.Alert;

/// <summary>
/// Alerts built for output contain the rule's long fields already encoded. Written out, they must
/// be the same bytes as the alerts every other caller builds.
/// </summary>
public class EncodedRuleFieldsTests
{
    private static readonly DateTimeOffset ExecutionTime = new(2026, 12, 5, 4, 30, 0, 250, TimeSpan.Zero);

    // Every character the default encoder escapes, in every kind of rule field that is encoded.
    private const string Awkward = "<script>alert('x')</script> & \"quoted\" + `tick` caf\u00e9 \u2028 line\nbreak\t\u0001 \ud83d\ude00";

    [Fact]
    public void BuiltInRule_WritesTheSameBytes()
    {
        var rule = BuiltInRules.All[0];

        Assert.Equal(Written(AlertBuilder.Build(rule, AssumeRoleEvent.Create(), ExecutionTime)), Written(AlertBuilder.BuildForOutput(rule, AssumeRoleEvent.Create(), ExecutionTime)));
    }

    [Fact]
    public void EscapedCharacters_WriteTheSameBytes()
    {
        var rule = AwkwardRule();
        var plain = Written(AlertBuilder.Build(rule, AssumeRoleEvent.Create(), ExecutionTime));

        Assert.Equal(plain, Written(AlertBuilder.BuildForOutput(rule, AssumeRoleEvent.Create(), ExecutionTime)));
        Assert.Contains("\\u003Cscript\\u003E", plain, StringComparison.Ordinal);
        Assert.Contains("\\uD83D\\uDE00", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodedFields_SerialiseAsValues()
    {
        var rule = AwkwardRule();
        var plain = AlertBuilder.Build(rule, AssumeRoleEvent.Create(), ExecutionTime);
        var encoded = AlertBuilder.BuildForOutput(rule, AssumeRoleEvent.Create(), ExecutionTime);

        foreach (var key in new[] { "kibana.alert.rule.note", "kibana.alert.rule.description", "kibana.alert.rule.parameters", "kibana.alert.rule.threat", "kibana.alert.rule.tags" })
        {
            Assert.Equal(plain[key]!.ToJsonString(), encoded[key]!.ToJsonString());
            Assert.True(JsonNode.DeepEquals(plain[key], encoded[key]!.DeepClone()), key);
        }

        Assert.Equal(plain.ToJsonString(), encoded.ToJsonString());
        Assert.Equal(AlertRow.From(plain), AlertRow.From(encoded));
    }

    [Fact]
    public void ShortStrings_StayReadable()
    {
        var alert = AlertBuilder.BuildForOutput(BuiltInRules.All[0], AssumeRoleEvent.Create(), ExecutionTime);

        Assert.Equal(BuiltInRules.All[0].Name, alert["kibana.alert.rule.name"]!.GetValue<string>());
        Assert.Equal(BuiltInRules.All[0].RuleId, alert["kibana.alert.rule.rule_id"]!.GetValue<string>());
        Assert.Equal(BuiltInRules.All[0].Severity, alert["kibana.alert.rule.severity"]!.GetValue<string>());
    }

    [Fact]
    public void PackRules_WriteTheSameBytes()
    {
        var folder = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var rules = RuleLoader.LoadPaths([folder]).Rules;
        Assert.NotEmpty(rules);

        foreach (var rule in rules)
        {
            Assert.Equal(Written(AlertBuilder.Build(rule, AssumeRoleEvent.Create(), ExecutionTime)), Written(AlertBuilder.BuildForOutput(rule, AssumeRoleEvent.Create(), ExecutionTime)));
        }
    }

    /// <summary>The alert as the NDJSON writer writes it.</summary>
    private static string Written(JsonObject alert)
    {
        using var stream = new MemoryStream();
        using (var writer = new NdjsonAlertWriter(stream, ownsStream: false))
        {
            writer.Write(BuiltInRules.All[0], alert);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static DetectionRule AwkwardRule() => RuleLoader.ParseToml(
        $$"""
        [metadata]
        creation_date = "2026/12/05"
        [rule]
        rule_id = "00000000-0000-4000-8000-000000000042"
        name = "Awkward"
        description = {{Toml(Awkward + " in the description, long enough to be encoded once per rule")}}
        note = {{Toml(Awkward)}}
        type = "query"
        language = "kuery"
        query = 'event.action:AssumeRole and user.name:"<b>"'
        index = ["logs-aws*"]
        severity = "low"
        risk_score = 21
        tags = [{{Toml(Awkward)}}, "Domain: Cloud"]
        references = ["https://example.com/?a=1&b=<2>"]
        author = [{{Toml(Awkward)}}]
        false_positives = [{{Toml(Awkward)}}]

        [[rule.threat]]
        framework = "MITRE ATT&CK"
        [rule.threat.tactic]
        id = "TA0004"
        name = {{Toml(Awkward)}}
        reference = "https://attack.mitre.org/tactics/TA0004/"
        """,
        "awkward.toml");

    // A TOML basic string: TOML escapes control characters as JSON does, and takes the rest as it is.
    private static string Toml(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
