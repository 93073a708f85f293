using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect;

public class KqlRequiredValuesTests
{
    private const string Action = "event.action";

    private static IReadOnlySet<string>? Required(string query, string field = Action, FieldMapping? mapping = null) =>
        KqlRequiredValues.For(Kql.Parse(query).Query!, field, mapping ?? FieldMapping.CloudTrail);

    [Theory]
    [InlineData("event.action:AssumeRole", "AssumeRole")]
    [InlineData("event.action:\"AssumeRole\"", "AssumeRole")]
    [InlineData("event.provider:sts.amazonaws.com and event.action:AssumeRole", "AssumeRole")]
    [InlineData("event.action:(AssumeRole or GetSessionToken)", "AssumeRole,GetSessionToken")]
    [InlineData("event.action:A or (event.action:B and source.ip:10.0.0.1)", "A,B")]
    [InlineData("event.action:(A or B) and event.action:(B or C)", "B")]
    public void RequiredValuesNameTheValues(string query, string expected)
    {
        var values = Required(query);

        Assert.NotNull(values);
        Assert.Equal(expected.Split(','), values.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("event.action:Assume*")]
    [InlineData("not event.action:AssumeRole")]
    [InlineData("event.action:AssumeRole or source.ip:10.0.0.1")]
    [InlineData("event.action:*")]
    [InlineData("event.*:AssumeRole")]
    [InlineData("AssumeRole")]
    [InlineData("event.provider:sts.amazonaws.com")]
    [InlineData("aws.cloudtrail.resources:{ arn:x }")]
    [InlineData("event.action > A")]
    public void RequiredValuesLeaveOtherQueriesUnconstrained(string query)
    {
        Assert.Null(Required(query));
    }

    [Fact]
    public void RequiredValuesAreEmptyForContradictions()
    {
        var values = Required("event.action:A and event.action:B");

        Assert.NotNull(values);
        Assert.Empty(values);
    }

    [Fact]
    public void RequiredValuesIgnoreAnalyzedFields()
    {
        var mapping = new FieldMapping([new MappedField("message", FieldType.Text)]);

        Assert.Null(Required("message:denied", "message", mapping));
    }

    [Fact]
    public void RequiredValuesIgnoreMultiFields()
    {
        var mapping = new FieldMapping(
        [
            new MappedField("user_agent.original", FieldType.Keyword),
            new MappedField("user_agent.original.text", FieldType.MatchOnlyText) { SourceField = "user_agent.original" },
        ]);

        Assert.Null(Required("user_agent.original.text:curl", "user_agent.original.text", mapping));
    }

    // Soundness on real data: whenever a real rule query matches a real mapped event, the
    // event's action and provider are among the values the analysis demanded.
    [Fact]
    public void RequiredValuesContainEveryRealMatch()
    {
        var (documents, queries) = RealRuleMatches.Load();

        var checkedMatches = 0;
        var violations = new List<string>();
        foreach (var query in queries)
        {
            var actions = KqlRequiredValues.For(query.Query, Action, FieldMapping.CloudTrail);
            var providers = KqlRequiredValues.For(query.Query, "event.provider", FieldMapping.CloudTrail);
            foreach (var document in documents.Where(query.Matches))
            {
                checkedMatches++;
                if (!Holds(actions, document, Action) || !Holds(providers, document, "event.provider"))
                {
                    violations.Add($"{query.Query.ToQueryText()} matched {document.Root["event"]}");
                }
            }
        }

        Assert.True(checkedMatches > 100, $"only {checkedMatches} matches to check");
        Assert.Empty(violations);
    }

    private static bool Holds(IReadOnlySet<string>? required, EcsDocument document, string field) =>
        required is null
        || document.FieldValues(field).OfType<JsonValue>().Any(v => required.Contains(v.ToString()));
}
