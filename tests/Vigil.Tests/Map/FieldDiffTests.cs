using System.Text.Json.Nodes;

namespace Vigil.Tests.Map;

public class FieldDiffTests
{
    private static List<string> Compare(string expected, string actual) =>
        FieldDiff.Compare(JsonNode.Parse(expected)!.AsObject(), JsonNode.Parse(actual)!.AsObject(), _ => true);

    [Fact]
    public void ChangedValueIsReported()
    {
        Assert.Equal(["a.b: expected 1, got 2"], Compare("""{"a":{"b":1}}""", """{"a":{"b":2}}"""));
    }

    [Fact]
    public void MissingAndExtraAreReported()
    {
        Assert.Equal(["missing a.b = 1", "extra a.c = 1"], Compare("""{"a":{"b":1}}""", """{"a":{"c":1}}"""));
    }

    [Fact]
    public void RelatedUserIsUnordered()
    {
        Assert.Empty(Compare("""{"related":{"user":["x","y"]}}""", """{"related":{"user":["y","x"]}}"""));
    }

    [Fact]
    public void EventTypeIsOrdered()
    {
        Assert.Single(Compare("""{"event":{"type":["user","change"]}}""", """{"event":{"type":["change","user"]}}"""));
    }

    [Fact]
    public void FlattenedComparesWhole()
    {
        Assert.Single(Compare("""{"aws":{"cloudtrail":{"flattened":{"request_parameters":{"a":1}}}}}""", """{"aws":{"cloudtrail":{"flattened":{"request_parameters":{"a":1,"b":2}}}}}"""));
    }
}
