using System.Text.Json.Nodes;
using Vigil.Map;

namespace Vigil.Tests.Map;

public class FieldPathTests
{
    [Fact]
    public void DottedKeysAndObjectsAddUp()
    {
        var doc = JsonNode.Parse("""{"a.b":1,"a":{"b":[2,null,[3]]}}""");

        var values = FieldPath.Values(doc, "a.b").Select(v => v.ToJsonString()).Order().ToList();

        Assert.Equal(["1", "2", "3"], values);
    }

    [Fact]
    public void MissingPathHasNoValues()
    {
        var doc = JsonNode.Parse("""{"a":{"c":1}}""");

        Assert.Empty(FieldPath.Values(doc, "a.b"));
    }
}
