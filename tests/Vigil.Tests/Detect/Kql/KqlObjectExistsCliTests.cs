using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Detect;

/// <summary>The real <c>vigil kql</c> program on exists queries over object fields.</summary>
public sealed class KqlObjectExistsCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-kql-exists").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("user:*", """{"user": {"name": "bob"}}""", "true")]
    [InlineData("user:*", """{"user": {}}""", "false")]
    [InlineData("not user:*", """{"user": {"name": "bob"}}""", "false")]
    [InlineData("aws.cloudtrail.user_identity:*", """{"aws": {"cloudtrail": {"user_identity": {"type": "Root"}}}}""", "true")]
    [InlineData("aws.cloudtrail.user_identity:*", """{"user": {"name": "bob"}}""", "false")]
    public void EvalExistsOnObject(string query, string document, string expected)
    {
        var path = Path.Combine(_folder, "doc.json");
        File.WriteAllText(path, document);

        var result = CliRunner.Run("kql", "eval", query, "--doc", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, result.StandardOutput.Trim());
    }

    /// <summary>
    /// Kibana's is.ts sends a name that its data view lists no field for as written, so exists on an
    /// object is one exists clause on the object, which Elasticsearch expands.
    /// </summary>
    [Theory]
    [InlineData("user:*", "user")]
    [InlineData("aws.cloudtrail.user_identity:*", "aws.cloudtrail.user_identity")]
    [InlineData("aws.cloudtrail.flattened:*", "aws.cloudtrail.flattened")]
    public void DslExistsOnObjectNamesObject(string query, string field)
    {
        var result = CliRunner.Run("kql", "dsl", query);

        var expected = new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["should"] = new JsonArray(new JsonObject { ["exists"] = new JsonObject { ["field"] = field } }),
                ["minimum_should_match"] = 1,
            },
        };
        Assert.Equal(0, result.ExitCode);
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(result.StandardOutput)), result.StandardOutput);
    }
}
