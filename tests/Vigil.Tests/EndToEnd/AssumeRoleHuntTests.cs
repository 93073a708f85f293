using System.IO.Compression;
using System.Text.Json.Nodes;
using Vigil.Detect.Rules;
using Vigil.Tests.Support;

namespace Vigil.Tests.EndToEnd;

/// <summary>
/// The built-in AssumeRole rule (version 2) alerts on exactly the role-chaining AssumeRole calls, which the
/// tests count separately on the raw records. The documented version 1 alerts on nothing.
/// </summary>
public class AssumeRoleHuntTests
{
    [Fact]
    public void SamplesAlertOnEveryRoleChain()
    {
        var expected = RoleChaining.CountExpected(RepoPaths.Samples);

        var (summary, sink) = CollectingSink.Hunt(BuiltInRules.All, RepoPaths.Samples);

        Assert.Equal(3, expected);
        Assert.Equal(expected, sink.Alerts.Count);
        Assert.Equal(summary.Records, summary.Events + summary.Errors + summary.Skipped);
    }

    [Fact]
    public void SamplesAlertsAreTheRoleChains()
    {
        var expectedIds = RawRecords.Distinct(RawRecords.FromPaths(RepoPaths.Samples))
            .Where(RoleChaining.IsRoleSessionAssumeRole)
            .Select(r => RawRecords.Text(r, "eventID"))
            .Order(StringComparer.Ordinal);

        var (_, sink) = CollectingSink.Hunt(BuiltInRules.All, RepoPaths.Samples);
        var alertedIds = sink.Alerts
            .Select(a => RawRecords.Text(a.Alert, "aws.cloudtrail.event_id") ?? RawRecords.Text(a.Alert, "event.id"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expectedIds, alertedIds);
    }

    [Fact]
    public void SamplesSkipDigestAndDuplicate()
    {
        var (summary, _) = CollectingSink.Hunt(BuiltInRules.All, RepoPaths.Samples);

        Assert.Equal(0, summary.Errors);
        Assert.Equal(2, summary.Skipped);
        Assert.Equal(14, summary.Events);
        Assert.Equal(16, summary.Records);
    }

    [Fact]
    public void SharedDataHasNoRoleChains()
    {
        var data = RepoPaths.SharedOrSkip("data", "cloudtrail");

        var (summary, sink) = CollectingSink.Hunt(BuiltInRules.All, data);

        Assert.Equal(0, RoleChaining.CountExpected(data));
        Assert.Empty(sink.Alerts);
        Assert.True(summary.Events > 3000, $"only {summary.Events} events read");
        Assert.Equal(summary.Records, summary.Events + summary.Errors + summary.Skipped);
    }

    [Fact]
    public void RoleChainsMixedIntoRealRecords()
    {
        var invictus = RepoPaths.SharedOrSkip("data", "cloudtrail", "invictus-aws_dataset");
        using var temp = new TempDirectory();
        var file = WriteMixedFile(invictus, temp.Path, chains: 37);

        var (summary, sink) = CollectingSink.Hunt(BuiltInRules.All, file);

        Assert.Equal(37, RoleChaining.CountExpected(file));
        Assert.Equal(37, sink.Alerts.Count);
        Assert.Equal(summary.Records, summary.Events + summary.Errors + summary.Skipped);
    }

    [Fact]
    public void DocumentedVersionOneNeverAlerts()
    {
        var v1 = LoadFixture("aws-sts-assumerole-usage-v1.toml");
        var paths = RepoPaths.Shared is null
            ? new[] { RepoPaths.Samples }
            : [RepoPaths.Samples, Path.Combine(RepoPaths.Shared, "data", "cloudtrail")];

        var (summary, sink) = CollectingSink.Hunt([v1], paths);

        Assert.Single(summary.RulesRun);
        Assert.Empty(sink.Alerts);
    }

    [Fact]
    public void AlertIdsRepeatAcrossRuns()
    {
        var first = CollectingSink.Hunt(BuiltInRules.All, RepoPaths.Samples).Sink.Alerts;
        var second = CollectingSink.Hunt(BuiltInRules.All, RepoPaths.Samples).Sink.Alerts;

        var firstIds = first.Select(a => RawRecords.Text(a.Alert, "kibana.alert.uuid") ?? AlertUuid(a.Alert));
        var secondIds = second.Select(a => RawRecords.Text(a.Alert, "kibana.alert.uuid") ?? AlertUuid(a.Alert));

        Assert.Equal(firstIds, secondIds);
        Assert.All(firstIds, id => Assert.False(string.IsNullOrEmpty(id)));
    }

    private static string? AlertUuid(JsonObject alert) => alert["kibana.alert.uuid"]?.ToString();

    private static DetectionRule LoadFixture(string name)
    {
        var path = Path.Combine(RepoPaths.Fixtures, "rules", name);
        return RuleLoader.ParseToml(File.ReadAllText(path), path);
    }

    /// <summary>Writes the real records with <paramref name="chains"/> role-chaining calls spread among them, gzip-compressed.</summary>
    private static string WriteMixedFile(string realData, string folder, int chains)
    {
        var records = RawRecords.FromPaths(realData).Select(r => (JsonNode)r.DeepClone()).ToList();
        var step = Math.Max(1, records.Count / chains);
        for (var i = 0; i < chains; i++)
        {
            var at = Math.Min(records.Count, (i * step) + i);
            records.Insert(at, RoleChaining.Record(i, $"2023-07-10T12:{i % 60:D2}:00Z"));
        }

        var path = Path.Combine(folder, "mixed-role-chaining.json.data");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var body = new JsonObject { ["Records"] = new JsonArray([.. records]) };
        gzip.Write(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()));
        return path;
    }
}
