using System.Text.Json.Nodes;
using Vigil.Alert;

namespace Vigil.Tests.Alert;

public class AlertReasonTests
{
    private const string Rule = "Sample Rule";

    [Theory]
    [InlineData("""{}""", "event created low alert Sample Rule.")]
    [InlineData("""{"source":{"ip":"203.0.113.7"},"user":{"name":"alice"}}""", "event with source 203.0.113.7 by alice created low alert Sample Rule.")]
    [InlineData("""{"event":{"category":"iam"}}""", "iam event created low alert Sample Rule.")]
    [InlineData("""{"event":{"category":["authentication","iam"]}}""", "authentication, iam event created low alert Sample Rule.")]
    [InlineData("""{"user":{"name":"alice"},"host":{"name":"web-1"}}""", "event by alice on web-1 created low alert Sample Rule.")]
    [InlineData("""{"process":{"name":"aws","parent":{"name":"bash"}},"file":{"name":"creds"}}""", "event with process aws, parent process bash, file creds, created low alert Sample Rule.")]
    [InlineData("""{"source":{"ip":"203.0.113.7","port":"443"}}""", "event with source 203.0.113.7:443, created low alert Sample Rule.")]
    [InlineData("""{"destination":{"ip":"198.51.100.2","port":["8443"]}}""", "event with destination 198.51.100.2:8443, created low alert Sample Rule.")]
    [InlineData("""{"source":{"port":"443"}}""", "event with:443, created low alert Sample Rule.")]
    public void TemplateParts(string source, string expected)
    {
        Assert.Equal(expected, AlertReason.Build(Parse(source), Rule, "low"));
    }

    [Theory]
    [InlineData("""{"source":{"ip":"203.0.113.7","port":443}}""", "event with source 203.0.113.7 created low alert Sample Rule.")]
    [InlineData("""{"user":{"name":"-"}}""", "event created low alert Sample Rule.")]
    [InlineData("""{"user":{"name":["-"]}}""", "event created low alert Sample Rule.")]
    [InlineData("""{"user":{"name":""}}""", "event created low alert Sample Rule.")]
    [InlineData("""{"user":{"name":[]}}""", "event created low alert Sample Rule.")]
    [InlineData("""{"user":{"name":true}}""", "event created low alert Sample Rule.")]
    [InlineData("""{"user":{"name":{"first":"alice"}}}""", "event created low alert Sample Rule.")]
    [InlineData("""{"user":{"name":["alice",7,null,true]}}""", "event by alice, 7, , true created low alert Sample Rule.")]
    public void ValuesKibanaSkipsOrJoins(string source, string expected)
    {
        Assert.Equal(expected, AlertReason.Build(Parse(source), Rule, "low"));
    }

    [Fact]
    public void DottedKeyWinsOverNestedPath()
    {
        var source = Parse("""{"user.name":"dotted","user":{"name":"nested"}}""");

        Assert.Equal("event by dotted created high alert Sample Rule.", AlertReason.Build(source, Rule, "high"));
    }

    [Fact]
    public void PathThroughArrayIsAbsent()
    {
        var source = Parse("""{"user":[{"name":"alice"}]}""");

        Assert.Equal("event created low alert Sample Rule.", AlertReason.Build(source, Rule, "low"));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
