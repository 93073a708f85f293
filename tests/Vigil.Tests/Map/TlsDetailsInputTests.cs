using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Read;
using Vigil.Tests.Read;

namespace Vigil.Tests.Map;

/// <summary>Elastic's tls-details pipeline input, whose matching expected output is not available; checks the rules it exercises.</summary>
public class TlsDetailsInputTests
{
    private static List<EcsDocument> Documents()
    {
        var file = SharedData.Require("data/cloudtrail-ecs/integrations/test-tls-details-json.log");
        return new CloudTrailReader().ReadFile(file).Select(item => CloudTrailMapper.Map(item.Record!).Document).ToList();
    }

    private static string? Text(EcsDocument document, string field) =>
        document.FieldValues(field).FirstOrDefault() is JsonValue value ? value.ToString() : null;

    [Fact]
    public void ProtocolAndVersionSplit()
    {
        var document = Documents()[0];

        Assert.Equal("tls", Text(document, "tls.version_protocol"));
        Assert.Equal("1.2", Text(document, "tls.version"));
        Assert.Null(Text(document, "event.category"));
    }

    [Fact]
    public void PlaceholderBlockDropped()
    {
        var document = Documents()[1];

        Assert.Null(document.Root["tls"]);
        Assert.Equal("failure", Text(document, "event.outcome"));
        Assert.Equal("200", Text(document, "aws.cloudtrail.error_code"));
        Assert.Equal("81.2.69.142, 192.168.10.10", Text(document, "source.address"));
        Assert.Null(Text(document, "source.ip"));
    }

    [Fact]
    public void BareVersionKeptWhole()
    {
        var document = Documents()[2];

        Assert.Equal("1.3", Text(document, "tls.version"));
        Assert.Null(Text(document, "tls.version_protocol"));
        Assert.Equal("81.2.69.142", Text(document, "source.ip"));
    }
}
