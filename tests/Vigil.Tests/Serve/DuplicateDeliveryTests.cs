using Vigil.Store;
using static Vigil.Tests.Serve.SchedulerSamples;

namespace Vigil.Tests.Serve;

public sealed class DuplicateDeliveryTests
{
    private const string Record = """
        {"Records":[{"eventVersion":"1.09","userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"},
        "eventTime":"2026-12-04T09:58:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"us-east-1",
        "sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.13.5","requestParameters":{"name":"main"},"responseElements":null,
        "requestID":"0a1b2c3d-0000-4000-8000-000000000001","eventID":"0a1b2c3d-0000-4000-8000-000000000002","readOnly":false,
        "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333","eventCategory":"Management"}]}
        """;

    [Fact]
    public void SameRecordInTwoFiles_CreatesOneAlert()
    {
        using var harness = new SchedulerHarness(TenOClock);
        harness.Register(StopLoggingRule());
        var ingester = new EventIngester(harness.Store);
        foreach (var name in new[] { "first.json", "second.json" })
        {
            var path = Path.Combine(harness.TempPath, name);
            File.WriteAllText(path, Record);
            ingester.IngestFile(path, TestContext.Current.CancellationToken);
        }

        var entry = Assert.Single(harness.RunAt(TenOClock));

        Assert.Equal(1, entry.AlertsCreated);
        Assert.Single(harness.Alerts());
    }
}
