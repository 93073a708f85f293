using Vigil.Detect.Rules;
using Vigil.Tests.Support;

namespace Vigil.Tests.Hunt;

/// <summary>Hunts of the sample logs with exists queries on object fields.</summary>
public class ObjectExistsHuntTests
{
    /// <summary>
    /// The samples have 14 events. One AssumeRole event, made by an AWS service, maps no user.*
    /// field, and every event maps aws.cloudtrail.user_identity.type.
    /// </summary>
    [Theory]
    [InlineData("user:*", 13)]
    [InlineData("not user:*", 1)]
    [InlineData("aws.cloudtrail.user_identity:*", 14)]
    [InlineData("user:* and not user.name:*", 0)]
    public void SamplesAlertOnObjectExists(string query, int alerts)
    {
        var rule = RuleLoader.ParseToml(
            $"""
            [rule]
            rule_id = "00000000-0000-4000-8000-000000000011"
            name = "Exists on an object"
            description = "Matches events that have a field below an object."
            type = "query"
            query = "{query}"
            index = ["logs-aws.cloudtrail-*"]
            severity = "low"
            risk_score = 21
            """,
            "inline.toml");

        var (summary, sink) = CollectingSink.Hunt([rule], RepoPaths.Samples);

        Assert.Single(summary.RulesRun);
        Assert.Equal(alerts, sink.Alerts.Count);
    }
}
