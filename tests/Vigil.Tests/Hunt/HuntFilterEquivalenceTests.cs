using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>
/// Prefilters, routing and threads must not change a hunt's alerts, their order, their ids or its
/// counts. Each data set is hunted without any of them on one thread, and then in every other setting.
/// </summary>
public sealed class HuntFilterEquivalenceTests : IDisposable
{
    private const string LiteralRuleId = "4c1f2a9e-6b1d-4d8e-9a57-0c3b9e1f5a21";

    private static readonly DateTimeOffset ExecutionTime = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static readonly (string Name, Func<HuntOptions, HuntOptions> Apply)[] Settings =
    [
        ("prefilter, one thread", o => o with { Prefilter = true, Routing = false, Threads = 1 }),
        ("prefilter and routing, one thread", o => o with { Prefilter = true, Routing = true, Threads = 1 }),
        ("prefilter and routing, three threads", o => o with { Prefilter = true, Routing = true, Threads = 3 }),
        ("no prefilter, three threads", o => o with { Prefilter = false, Routing = false, Threads = 3 }),
        ("prefilter and routing, two threads, every file read ahead", o => o with { Prefilter = true, Routing = true, Threads = 2, ReadAheadFrom = 0 }),
    ];

    private readonly TempDirectory _temp = new();

    public static TheoryData<string> DataSets => ["samples", "generated", "wrapped", "large", "shared"];

    [Theory]
    [MemberData(nameof(DataSets))]
    public void AlertsAreIdentical(string dataSet)
    {
        var (rules, paths) = Load(dataSet);
        var baseline = Hunt(rules, paths, o => o with { Prefilter = false, Routing = false, Threads = 1 });

        foreach (var (name, apply) in Settings)
        {
            var other = Hunt(rules, paths, apply);
            Assert.True(baseline.Alerts.SequenceEqual(other.Alerts), $"{name}: {other.Alerts.Count} alerts differ from the {baseline.Alerts.Count} without prefilters");
        }
    }

    [Theory]
    [MemberData(nameof(DataSets))]
    public void CountsAreIdentical(string dataSet)
    {
        var (rules, paths) = Load(dataSet);
        var baseline = Hunt(rules, paths, o => o with { Prefilter = false, Routing = false, Threads = 1 }).Summary;

        foreach (var (name, apply) in Settings)
        {
            var other = Hunt(rules, paths, apply).Summary;
            Assert.True(baseline.Records == other.Records, $"{name}: records {other.Records}, expected {baseline.Records}");
            Assert.True(baseline.Events == other.Events, $"{name}: events {other.Events}, expected {baseline.Events}");
            Assert.True(baseline.Errors == other.Errors, $"{name}: errors {other.Errors}, expected {baseline.Errors}");
            Assert.Equal(baseline.SkippedByReason, other.SkippedByReason);
            Assert.True(other.EventsWithMappingErrors <= baseline.EventsWithMappingErrors, $"{name}: more mapping errors than without prefilters");
        }
    }

    [Fact]
    public void GeneratedDataRaisesAlerts()
    {
        var (rules, paths) = Load("generated");

        var result = Hunt(rules, paths, o => o);

        Assert.True(result.Alerts.Count >= 3, $"only {result.Alerts.Count} alerts");
        Assert.True(result.Summary.Skipped >= 2, $"only {result.Summary.Skipped} skips");
    }

    [Fact]
    public void GeneratedDataRaisesLiteralRuleAlerts()
    {
        var (rules, paths) = Load("generated");

        var result = Hunt(rules, paths, o => o);

        var literalAlerts = result.Alerts.Count(alert => alert.StartsWith(LiteralRuleId, StringComparison.Ordinal));
        Assert.True(literalAlerts >= 5, $"only {literalAlerts} alerts of the rule that requires literals");
    }

    public void Dispose() => _temp.Dispose();

    private (IReadOnlyList<DetectionRule> Rules, string[] Paths) Load(string dataSet)
    {
        var fixtureRules = RuleLoader.LoadPaths([Path.Combine(RepoPaths.Fixtures, "rules")]).Rules;
        IReadOnlyList<DetectionRule> builtIn = [.. BuiltInRules.All, .. fixtureRules];
        return dataSet switch
        {
            "samples" => (builtIn, [RepoPaths.Samples]),
            "generated" => ([.. ElasticRulesOr(builtIn), LiteralRule()], [WriteGenerated()]),
            "wrapped" => ([.. ElasticRulesOr(builtIn), LiteralRule()], [WriteWrapped()]),
            "large" => (builtIn, [WriteLarge()]),
            _ => (RuleLoader.LoadPaths([RepoPaths.SharedOrSkip("data", "rules", "elastic-aws")]).Rules, [RepoPaths.SharedOrSkip("data", "cloudtrail")]),
        };
    }

    /// <summary>
    /// Returns a rule that routes on neither <c>event.action</c> nor <c>event.provider</c>, so the
    /// prefilter can only skip records for it by the literal its query requires.
    /// </summary>
    private static DetectionRule LiteralRule() => RuleLoader.ParseToml(
        $$"""
        [metadata]
        creation_date = "2026/12/04"
        [rule]
        rule_id = "{{LiteralRuleId}}"
        name = "Pipeline role 5 session"
        description = "Finds sessions of the pipeline roles whose number starts with 5."
        type = "query"
        language = "kuery"
        query = '''
        aws.cloudtrail.user_identity.type:AssumedRole and user.name:pipeline-role-5*
            and not event.provider:signin.amazonaws.com
        '''
        index = ["logs-aws*"]
        severity = "low"
        risk_score = 21
        """,
        "literal-rule.toml");

    private static IReadOnlyList<DetectionRule> ElasticRulesOr(IReadOnlyList<DetectionRule> fallback)
    {
        var shared = RepoPaths.Shared;
        var folder = shared is null ? null : Path.Combine(shared, "data", "rules", "elastic-aws");
        return folder is not null && Directory.Exists(folder) ? [.. fallback, .. RuleLoader.LoadPaths([folder]).Rules] : fallback;
    }

    private static (HuntSummary Summary, List<string> Alerts) Hunt(IReadOnlyList<DetectionRule> rules, string[] paths, Func<HuntOptions, HuntOptions> apply)
    {
        var sink = new CollectingSink();
        var summary = new HuntEngine(rules, new FakeTimeProvider(ExecutionTime)).Run(apply(new HuntOptions(paths)), sink);
        return (summary, [.. sink.Alerts.Select(a => a.Rule.RuleId + " " + a.Alert.ToJsonString())]);
    }

    /// <summary>
    /// Writes records that probe the prefilter's edges: other actions and providers, escaped and
    /// non-string event names, duplicates in another key order, wrappers, digests and bad records.
    /// </summary>
    private string WriteGenerated()
    {
        var lines = new List<string>();
        string[] actions = ["AssumeRole", "GetCallerIdentity", "ConsoleLogin", "CreateUser", "DeleteTrail", "StopLogging", "PutBucketPolicy"];
        string[] providers = ["sts.amazonaws.com", "iam.amazonaws.com", "signin.amazonaws.com", "cloudtrail.amazonaws.com", "s3.amazonaws.com"];
        for (var i = 0; i < 140; i++)
        {
            var record = RoleChaining.Record(i, $"2026-12-01T10:{i % 60:D2}:00Z");
            record["eventName"] = actions[i % actions.Length];
            record["eventSource"] = providers[i % providers.Length];
            if (i % 9 == 0)
            {
                record["errorCode"] = "AccessDenied";
            }

            lines.Add(record.ToJsonString());
        }

        var chain = RoleChaining.Record(500, "2026-12-01T11:00:00Z");
        var text = chain.ToJsonString();
        lines.Add(text);
        lines.Add(Reordered(chain).ToJsonString());
        lines.Add(text.Replace("\"AssumeRole\"", "\"\\u0041ssumeRole\"", StringComparison.Ordinal));
        lines.Add(text.Replace("\"AssumeRole\"", "\"\\u0041ssumeRole\"", StringComparison.Ordinal).Replace("hop-500", "hop-501", StringComparison.Ordinal));
        lines.Add(text.Replace("\"AssumeRole\"", "[\"AssumeRole\"]", StringComparison.Ordinal).Replace("hop-500", "hop-502", StringComparison.Ordinal));
        lines.Add(text.Replace("\"sts.amazonaws.com\"", "[\"sts.amazonaws.com\"]", StringComparison.Ordinal).Replace("hop-500", "hop-505", StringComparison.Ordinal));
        lines.Add(text.Replace("\"eventName\":\"AssumeRole\",", "", StringComparison.Ordinal).Replace("hop-500", "hop-503", StringComparison.Ordinal));
        lines.Add(text.Replace("2026-12-01T11:00:00Z", "not a date", StringComparison.Ordinal).Replace("hop-500", "hop-504", StringComparison.Ordinal));
        lines.Add(text.Replace("\"eventName\":\"AssumeRole\",", "\"eventName\":\"AssumeRole\",\"eventName\":\"AssumeRole\",", StringComparison.Ordinal));
        lines.AddRange(LiteralProbes());
        lines.Add(new JsonObject { ["detail-type"] = "AWS API Call via CloudTrail", ["detail"] = RoleChaining.Record(600, "2026-12-01T12:00:00Z") }.ToJsonString());
        lines.Add(new JsonObject { ["detail-type"] = "AWS API Call via CloudTrail", ["detail"] = RoleChaining.Record(601, "2026-12-01T12:00:00Z").ToJsonString() }.ToJsonString());
        lines.Add("""{"digestStartTime":"2026-12-01T00:00:00Z","digestEndTime":"2026-12-01T01:00:00Z","logFiles":[]}""");
        lines.Add("{}");
        lines.Add("{broken");

        var path = Path.Combine(_temp.Path, "generated.ndjson");
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        File.AppendAllText(path, "{\"eventName\":\"AssumeRole\",\"bad\":\"\u00ff\"}\n", Encoding.Latin1);
        return path;
    }

    /// <summary>
    /// Writes one delivery file of several read-ahead chunks (1 MiB each), so that records cross
    /// chunk boundaries and batches share chunks that are then used again. One record is longer
    /// than the room in front of a chunk (64 KiB), so the window must copy it.
    /// </summary>
    private string WriteLarge()
    {
        var records = new List<string>();
        for (var i = 0; records.Sum(text => text.Length) < 3_500_000; i++)
        {
            var record = RoleChaining.Record(i, $"2026-12-01T{10 + i % 10:D2}:{i % 60:D2}:00Z");
            if (i % 3 == 0)
            {
                record["eventName"] = "GetCallerIdentity";
            }

            if (i == 2800)
            {
                record["requestParameters"]!["padding"] = new string('x', 150_000);
            }

            records.Add(record.ToJsonString());
        }

        var path = Path.Combine(_temp.Path, "large.json");
        File.WriteAllText(path, "{\"Records\":[" + string.Join(",", records) + "]}", new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// Writes the generated lines as the records of log events and lookup-events entries, one
    /// wrapper shape per file line, and one record both bare and wrapped. The file also has
    /// wrappers the hunt must leave to the parser: a message that is not a string, repeated and
    /// escaped keys, nested values and a lone surrogate, both in System.Text.Json's escaping and
    /// with only quotes and backslashes escaped.
    /// </summary>
    private string WriteWrapped()
    {
        var records = File.ReadAllLines(WriteGenerated(), Encoding.Latin1).Where(line => line.StartsWith('{') && !line.Contains('\u00ff')).ToList();
        JsonNode LogEvent(string text, int i) => new JsonObject { ["id"] = $"{i}", ["timestamp"] = i, ["message"] = text };
        var logEvents = new JsonArray([.. records.Select(LogEvent)]);
        var lines = new List<string>
        {
            new JsonObject { ["messageType"] = "DATA_MESSAGE", ["owner"] = "123837392027", ["logGroup"] = "trail", ["logEvents"] = logEvents }.ToJsonString(),
            new JsonObject { ["Events"] = new JsonArray([.. records.Take(40).Select(text => (JsonNode)new JsonObject { ["EventId"] = "x", ["CloudTrailEvent"] = text, ["message"] = "ignored" })]) }.ToJsonString(),
            new JsonObject { ["events"] = new JsonArray([.. records.Skip(40).Take(40).Select(LogEvent)]) }.ToJsonString(),
            records[3],
        };

        var chain = RoleChaining.Record(800, "2026-12-01T14:00:00Z").ToJsonString();
        string[] odd =
        [
            $$"""{"id":"1","message":{{JsonValue.Create(chain).ToJsonString()}},"message":"x"}""",
            $$"""{"id":"2","m\u0065ssage":{{JsonValue.Create(chain.Replace("hop-800", "hop-802", StringComparison.Ordinal)).ToJsonString()}}}""",
            $$"""{"id":"3","extra":{"a":1},"message":{{JsonValue.Create(chain.Replace("hop-800", "hop-803", StringComparison.Ordinal)).ToJsonString()}}}""",
            $$"""{"id":"4","message":{{JsonValue.Create(chain.Replace("hop-800", "hop-804\ud800", StringComparison.Ordinal)).ToJsonString()}}}""",
            """{"id":"5","message":42}""",
            """{"id":"6","message":"{\"eventName\":"}""",
            $$"""{"id":"7","eventName":"AssumeRole","message":{{JsonValue.Create(chain.Replace("hop-800", "hop-807", StringComparison.Ordinal)).ToJsonString()}}}""",
            $$"""{"id":"8","message":{{JsonValue.Create(chain.Replace("hop-800", "hop-808", StringComparison.Ordinal)).ToJsonString()}}} trailing""",
        ];

        // Messages that escape only quotes and backslashes, which the hunt reads without
        // Utf8JsonReader. System.Text.Json above writes \u0022 for a quote instead.
        static string Plain(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        string[] plain =
        [
            .. records.Skip(80).Take(40).Select((text, i) => $$"""{"id":"p{{i}}","timestamp":{{i}},"message":{{Plain(text.Replace("hop-", "plain-hop-", StringComparison.Ordinal))}}}"""),
            $$"""{"id":"p-note","note":{{Plain(chain.Replace("hop-800", "hop-810", StringComparison.Ordinal))}}}""",
            $$"""{"id":"p-twice","message":{{Plain(chain.Replace("hop-800", "hop-811", StringComparison.Ordinal))}},"message":"x"}""",
            $$"""{"id":"p-nested","n":[1],"message":{{Plain(chain.Replace("hop-800", "hop-812", StringComparison.Ordinal))}}}""",
            $$"""{ "id" : "p-spaced" , "message" : {{Plain(chain.Replace("hop-800", "hop-813", StringComparison.Ordinal))}} , "flag" : true , "none" : null }""",
            $$"""{"id":"p-cut","message":{{Plain(chain.Replace("hop-800", "hop-814", StringComparison.Ordinal))[..^20]}}"}""",
        ];
        lines.Add($$"""{"messageType":"DATA_MESSAGE","logEvents":[{{string.Join(",\n", plain)}}]}""");
        lines.Add($$"""{"Events":[{{string.Join(',', plain.Select(element => element.Replace("\"message\"", "\"CloudTrailEvent\"", StringComparison.Ordinal).Replace("plain-hop-", "entry-hop-", StringComparison.Ordinal)))}}]}""");

        lines.Add(new JsonObject { ["messageType"] = "DATA_MESSAGE", ["logEvents"] = new JsonArray() }.ToJsonString().Replace("[]", $"[{string.Join(',', odd)}]", StringComparison.Ordinal));
        lines.AddRange(odd);

        var path = Path.Combine(_temp.Path, "wrapped.ndjson");
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    /// <summary>
    /// Returns records for the rule that requires the literal <c>pipeline-role-5</c>, in which only
    /// <c>userName</c> may contain it: spelled with escapes, absent next to escapes of other characters,
    /// in an array, and in a record of another action.
    /// </summary>
    private static IEnumerable<string> LiteralProbes()
    {
        const string UserName = "\"pipeline-role-4\"";
        var text = RoleChaining.Record(5, "2026-12-01T13:00:00Z").ToJsonString().Replace("pipeline-role-5", "pipeline-role-4", StringComparison.Ordinal);
        string[] userNames =
        [
            "\"pipeline\\u002drole-5\"",
            "\"\\u0070ipeline-role-5\"",
            "\"pipeline-role-5\"",
            "\"pipeline-role-4\",\"note\":\"a\\/b\\\"c\\nd\"",
            "[\"pipeline-role-55\",\"x\"]",
            "\"pipeline-role\\\\u002d5\"",
        ];
        for (var i = 0; i < userNames.Length; i++)
        {
            yield return text.Replace("hop-5", $"hop-70{i}", StringComparison.Ordinal).Replace(UserName, userNames[i], StringComparison.Ordinal);
        }

        yield return text.Replace("hop-5", "hop-709", StringComparison.Ordinal)
            .Replace(UserName, "\"pipeline-role-5\"", StringComparison.Ordinal)
            .Replace("\"AssumeRole\"", "\"ConsoleLogin\"", StringComparison.Ordinal);
    }

    private static JsonObject Reordered(JsonObject record) =>
        new(record.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
}
