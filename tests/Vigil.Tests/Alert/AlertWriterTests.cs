using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Alert;
using Vigil.Detect.Rules;
using Vigil.Map;
using Vigil.Tests.Support;

namespace Vigil.Tests.Alert;

/// <summary>
/// The hunt writes alerts as text without building their node tree. The text must be the bytes
/// the tree <see cref="AlertBuilder.Build"/> gives serialises to, for every rule and event.
/// </summary>
public class AlertWriterTests
{
    private static readonly DateTimeOffset ExecutionTime = new(2026, 12, 5, 4, 30, 0, 250, TimeSpan.Zero);

    // Every character the default encoder escapes, in every kind of rule field that is encoded.
    private static readonly DetectionRule Rule = BuiltInRules.All[0];

    private const string Awkward = "<script>alert('x')</script> & \"quoted\" + `tick` caf\u00e9 \u2028 line\nbreak\t\u0001 \ud83d\ude00";

    [Fact]
    public void BuiltInRule_WritesTheTreesBytes()
    {
        var rule = BuiltInRules.All[0];

        Assert.Equal(FromTree(rule, AssumeRoleEvent.Create()), Written(rule, AssumeRoleEvent.Create()));
    }

    [Fact]
    public void DeepSource_WritesTheTreesBytes()
    {
        var source = AssumeRoleEvent.DeepJson();

        Assert.Equal(FromTree(Rule, new EcsDocument(source)), Written(Rule, new EcsDocument(source)));
    }

    [Fact]
    public void EscapedCharacters_WriteTheTreesBytes()
    {
        var rule = AwkwardRule();
        var fromTree = FromTree(rule, AssumeRoleEvent.Create());

        Assert.Equal(fromTree, Written(rule, AssumeRoleEvent.Create()));
        Assert.Contains("\\u003Cscript\\u003E", fromTree, StringComparison.Ordinal);
        Assert.Contains("\\uD83D\\uDE00", fromTree, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"@timestamp":"2026-01-01T00:00:00Z","kibana.alert.status":"x","event":{"action":"A"}}""")]
    [InlineData("""{"@timestamp":"2026-01-01T00:00:00Z","event.kind":"event","event":{"kind":"event","action":"A"}}""")]
    [InlineData("""{"@timestamp":"2026-01-01T00:00:00Z","event.action":"B","event":{"action":"A"}}""")]
    [InlineData("""{"@timestamp":"2026-01-01T00:00:00Z","event":{"a.b":1,"a":{"b":2}}}""")]
    [InlineData("""{"@timestamp":"2026-01-01T00:00:00Z","event":"not an object"}""")]
    [InlineData("""{"event":{"action":"A","kind":"event"},"user":{"name":"no time"}}""")]
    [InlineData("""{"caf\u00e9":"<b>","@timestamp":1767225600000,"event":{"\u00e9":"\u2028","kind":"k"}}""")]
    [InlineData("""{"user":{"name":"\ud83d\ude00 pair"},"@timestamp":"x","tags":[1,2.50,true,null,{"k":[]}]}""")]
    public void UnusualDocuments_WriteTheTreesBytes(string json)
    {
        var rule = AwkwardRule();
        var document = new EcsDocument(JsonNode.Parse(json)!.AsObject());

        Assert.Equal(FromTree(rule, document), Written(rule, document));
    }

    [Fact]
    public void PackRules_WriteTheTreesBytes()
    {
        var folder = RepoPaths.SharedOrSkip("data", "rules", "elastic-aws");
        var rules = RuleLoader.LoadPaths([folder]).Rules;
        Assert.NotEmpty(rules);

        foreach (var rule in rules)
        {
            Assert.Equal(FromTree(rule, AssumeRoleEvent.Create()), Written(rule, AssumeRoleEvent.Create()));
        }
    }

    [Fact]
    public void ReferenceEvents_WriteTheTreesBytes()
    {
        var cloudTrail = RepoPaths.SharedOrSkip("data", "cloudtrail");
        var rule = AwkwardRule();
        var documents = RawRecords.FromPaths(cloudTrail, RepoPaths.Samples).Select(record => CloudTrailMapper.Map(record).Document).ToList();
        Assert.NotEmpty(documents);

        foreach (var document in documents)
        {
            Assert.Equal(FromTree(rule, document), Written(rule, document));
        }
    }

    [Fact]
    public void Uuid_IsTheTreesUuid()
    {
        var rule = BuiltInRules.All[0];
        var tree = AlertBuilder.Build(rule, AssumeRoleEvent.Create(), ExecutionTime);

        using var writer = new Utf8JsonWriter(Stream.Null);
        var uuid = AlertWriter.Write(writer, rule, AssumeRoleEvent.Create(), ExecutionTime, out _, out _);

        Assert.Equal(tree["kibana.alert.uuid"]!.GetValue<string>(), uuid);
    }

    /// <summary>The alert's tree serialised as the node writers do.</summary>
    private static string FromTree(DetectionRule rule, EcsDocument document) =>
        AlertBuilder.Build(rule, document, ExecutionTime).ToJsonString();

    private static string Written(DetectionRule rule, EcsDocument document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            AlertWriter.Write(writer, rule, document, ExecutionTime, out _, out _);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
