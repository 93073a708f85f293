using System.Text.Json.Nodes;
using Vigil.Detect.Kql;
using Vigil.Map;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect;

public class KqlValueFilterTests
{
    private const string Action = "event.action";

    private static KqlValueFilter? Filter(string query, string field = Action, FieldMapping? mapping = null) =>
        KqlValueFilter.For(Kql.Parse(query).Query!, field, mapping ?? FieldMapping.CloudTrail);

    [Theory]
    [InlineData("event.action:AssumeRole", "AssumeRole", true)]
    [InlineData("event.action:AssumeRole", "AssumeRoleWithSAML", false)]
    [InlineData("event.action:CreateEventSourceMapping*", "CreateEventSourceMapping20150331", true)]
    [InlineData("event.action:CreateEventSourceMapping*", "GetFunction20150331v2", false)]
    [InlineData("event.action:createeventsourcemapping*", "CreateEventSourceMapping", false)]
    [InlineData("event.action:(DeleteFunction or DeleteFunction20*)", "DeleteFunction20150331", true)]
    [InlineData("event.action:(DeleteFunction or DeleteFunction20*)", "DeleteFunctionConcurrency", false)]
    [InlineData("event.action:*Policy* and event.action:Put*", "PutRolePolicy", true)]
    [InlineData("event.action:*Policy* and event.action:Put*", "AttachRolePolicy", false)]
    [InlineData("event.action:Put* and source.ip:10.0.0.1", "PutBucketPolicy", true)]
    [InlineData("event.action:Put* and source.ip:10.0.0.1", "GetBucketPolicy", false)]
    [InlineData("event.action:\"Put*\"", "PutBucketPolicy", false)]
    [InlineData("event.action:\"Put*\"", "Put*", true)]
    [InlineData("event.action:Put\\*", "Put*", true)]
    [InlineData("event.action:A and event.action:B", "A", false)]
    public void Filter_AllowsWhatTheQueryMatches(string query, string value, bool expected)
    {
        var filter = Filter(query);

        Assert.NotNull(filter);
        Assert.Equal(expected, filter.MayHold(value));
    }

    [Theory]
    [InlineData("not event.action:AssumeRole")]
    [InlineData("event.action:Put* or source.ip:10.0.0.1")]
    [InlineData("event.action:*")]
    [InlineData("event.*:AssumeRole")]
    [InlineData("AssumeRole")]
    [InlineData("event.provider:sts.amazonaws.com")]
    [InlineData("event.action > A")]
    public void OtherQueries_AreUnconstrained(string query)
    {
        Assert.Null(Filter(query));
    }

    [Fact]
    public void WildcardTypeField_IsUnconstrained()
    {
        var mapping = new FieldMapping([new MappedField("url.original", FieldType.Wildcard)]);

        Assert.Null(Filter("url.original:http*", "url.original", mapping));
    }

    // Soundness on real data: whenever a real rule query matches a real mapped event, the filters
    // allow the event's action and provider.
    [Fact]
    public void Filters_AllowEveryRealMatch()
    {
        var (documents, queries) = RealRuleMatches.Load();

        var checkedMatches = 0;
        var wildcardFilters = 0;
        var violations = new List<string>();
        foreach (var query in queries)
        {
            var actions = KqlValueFilter.For(query.Query, Action, FieldMapping.CloudTrail);
            var providers = KqlValueFilter.For(query.Query, "event.provider", FieldMapping.CloudTrail);
            wildcardFilters += actions is not null && KqlRequiredValues.For(query.Query, Action, FieldMapping.CloudTrail) is null ? 1 : 0;
            foreach (var document in documents.Where(query.Matches))
            {
                checkedMatches++;
                if (!Allows(actions, document, Action) || !Allows(providers, document, "event.provider"))
                {
                    violations.Add($"{query.Query.ToQueryText()} matched {document.Root["event"]}");
                }
            }
        }

        Assert.True(checkedMatches > 100, $"only {checkedMatches} matches to check");
        Assert.True(wildcardFilters > 5, $"only {wildcardFilters} queries narrow event.action by wildcards alone");
        Assert.Empty(violations);
    }

    private static bool Allows(KqlValueFilter? filter, EcsDocument document, string field) =>
        filter is null
        || document.FieldValues(field).OfType<JsonValue>().Any(v => filter.MayHold(v.ToString()));
}
