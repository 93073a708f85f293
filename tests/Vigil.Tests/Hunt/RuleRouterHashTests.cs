using System.Text;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Hunt;
using Vigil.Read;

namespace Vigil.Tests.Hunt;

/// <summary>
/// A hunt's router finds a scanned record's rules by the hashes of its <c>eventName</c> and
/// <c>eventSource</c>. Those routes must equal the routes found from the text.
/// </summary>
public sealed class RuleRouterHashTests
{
    private static readonly DetectionRule[] Rules =
    [
        Rule("1", "event.action:AssumeRole"),
        Rule("2", "event.provider:sts.amazonaws.com and event.action:Get*"),
        Rule("3", "event.action:(CreateUser or DeleteUser) and event.provider:iam.amazonaws.com"),
        Rule("4", "user.name:alice"),
    ];

    public static TheoryData<string> Records => new()
    {
        """{"eventName":"AssumeRole","eventSource":"sts.amazonaws.com"}""",
        """{"eventName":"GetCallerIdentity","eventSource":"sts.amazonaws.com"}""",
        """{"eventName":"GetCallerIdentity","eventSource":"iam.amazonaws.com"}""",
        """{"eventName":"CreateUser","eventSource":"iam.amazonaws.com"}""",
        """{"eventName":"Assume\/Role","eventSource":"sts.amazonaws.com"}""",
        """{"eventName":"AssumeRole"}""",
        """{"eventTime":"2026-12-01T00:00:00Z","eventSource":"sts.amazonaws.com"}""",
        """{"eventName":7,"eventSource":"sts.amazonaws.com"}""",
        """{"eventName":"","eventSource":"sts.amazonaws.com"}""",
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void HashedRoute_EqualsTextRoute(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var hashed = Router();
        var byText = Router();
        var scanner = new RecordScanner(ScanPurpose.Hunt);
        var store = new RecordScanner(ScanPurpose.Store);
        Assert.True(scanner.TryScan(bytes, out var facts));
        Assert.True(store.TryScan(bytes, out var textFacts));

        // Twice, so that the second lookup finds the pair in the table of recent pairs.
        var first = hashed.Candidates(facts.EventName, facts.EventSource, bytes, scanner);
        var second = hashed.Candidates(facts.EventName, facts.EventSource, bytes, scanner);
        var expected = byText.Candidates(textFacts.EventName, textFacts.EventSource, bytes);

        Assert.Equal(Names(expected), Names(first));
        Assert.Equal(Names(expected), Names(second));
    }

    [Fact]
    public void ManyPairs_EachRoutedByOwnText()
    {
        // More pairs than the recent table and the bounded dictionary hold, so slots are shared and
        // the dictionary stops growing. Every record must still get the route of its own text.
        var router = Router();
        var scanner = new RecordScanner(ScanPurpose.Hunt);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 6000; i++)
            {
                var name = i % 3 == 0 ? $"Get{i}" : $"Other{i}";
                var bytes = Encoding.UTF8.GetBytes($$"""{"eventName":"{{name}}","eventSource":"sts.amazonaws.com","userName":"alice"}""");
                Assert.True(scanner.TryScan(bytes, out var facts));

                var candidates = Names(router.Candidates(facts.EventName, facts.EventSource, bytes, scanner));

                var expected = name.StartsWith("Get", StringComparison.Ordinal) ? new[] { "Rule 2", "Rule 4" } : ["Rule 4"];
                Assert.Equal(expected, candidates);
            }
        }
    }

    private static string[] Names(IReadOnlyList<PreparedRule> rules) => [.. rules.Select(rule => rule.Rule.Name)];

    private static RuleRouter Router()
    {
        var (runnable, skipped) = RulePreparation.Prepare(Rules, new HuntOptions([]), FieldMapping.CloudTrail);
        Assert.Empty(skipped);
        return new RuleRouter(runnable, routing: true);
    }

    private static DetectionRule Rule(string id, string query) => RuleLoader.ParseToml(
        $$"""
        [metadata]
        creation_date = "2026/12/06"
        [rule]
        rule_id = "00000000-0000-4000-8000-00000000010{{id}}"
        name = "Rule {{id}}"
        description = "A query rule."
        type = "query"
        language = "kuery"
        query = '{{query}}'
        index = ["logs-aws*"]
        severity = "low"
        risk_score = 21
        """,
        "inline.toml");
}
