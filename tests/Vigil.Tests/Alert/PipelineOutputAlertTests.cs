using System.Text.Json.Nodes;
using Vigil.Alert;
using Vigil.Detect.Rules;
using Vigil.Map;
using Vigil.Tests.Detect.Rules;

namespace Vigil.Tests.Alert;

/// <summary>Builds alerts for ECS documents that Elastic's AWS integration produced in its pipeline tests.</summary>
public class PipelineOutputAlertTests
{
    private static readonly DateTimeOffset ExecutionTime = new(2021, 11, 11, 1, 5, 0, TimeSpan.Zero);

    private static string ExpectedFile => Path.Combine(
        Vigil.Tests.Support.RepoPaths.SharedFolder, "data", "cloudtrail-ecs", "integrations", "test-assume-role-json.log-expected.json");

    [Fact]
    public void AssumeRoleReasonText()
    {
        var alert = AlertBuilder.Build(BuiltInRules.All[0], LoadAssumeRoleDocument(), ExecutionTime);

        Assert.Equal(
            "authentication event with source 81.2.69.144 by JohnDoe created low alert AWS Security Token Service (STS) AssumeRole Usage.",
            alert["kibana.alert.reason"]!.GetValue<string>());
    }

    [Fact]
    public void AssumeRoleOriginalEvent()
    {
        var alert = AlertBuilder.Build(BuiltInRules.All[0], LoadAssumeRoleDocument(), ExecutionTime);

        Assert.Equal("AssumeRole", alert["kibana.alert.original_event.action"]!.GetValue<string>());
        Assert.Equal("event", alert["kibana.alert.original_event.kind"]!.GetValue<string>());
        Assert.Equal(64, alert["kibana.alert.ancestors"]![0]!["id"]!.GetValue<string>().Length);
        Assert.Equal("2019-10-02T22:12:29.000Z", alert["kibana.alert.original_time"]!.GetValue<string>());
    }

    private static EcsDocument LoadAssumeRoleDocument()
    {
        Assert.SkipUnless(File.Exists(ExpectedFile), "Elastic's CloudTrail pipeline test output is not next to the repository");

        var expected = JsonNode.Parse(File.ReadAllText(ExpectedFile))!["expected"]![0]!.AsObject();
        return new EcsDocument((JsonObject)expected.DeepClone());
    }
}
