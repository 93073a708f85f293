using System.Text.Json.Nodes;
using Vigil.Read;

namespace Vigil.Tests.Read;

public class DuplicateFilterTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void SameIdSameContentIsDuplicate()
    {
        var filter = new DuplicateFilter();

        Assert.False(filter.IsDuplicate(Parse("""{"eventID":"a","x":{"p":1,"q":[1,"2"]}}""")));
        Assert.True(filter.IsDuplicate(Parse("""{"x":{"q":[1,"2"],"p":1},"eventID":"a"}""")));
    }

    [Fact]
    public void SameIdOtherContentIsNot()
    {
        var filter = new DuplicateFilter();
        filter.IsDuplicate(Parse("""{"eventID":"a","x":1}"""));

        Assert.False(filter.IsDuplicate(Parse("""{"eventID":"a","x":2}""")));
        Assert.False(filter.IsDuplicate(Parse("""{"eventID":"a","x":"1"}""")));
    }

    [Fact]
    public void OtherIdSameContentIsNot()
    {
        var filter = new DuplicateFilter();
        filter.IsDuplicate(Parse("""{"eventID":"a","x":1}"""));

        Assert.False(filter.IsDuplicate(Parse("""{"eventID":"b","x":1}""")));
    }

    [Fact]
    public void RecordWithoutIdIsNeverDuplicate()
    {
        var filter = new DuplicateFilter();
        filter.IsDuplicate(Parse("""{"x":1}"""));

        Assert.False(filter.IsDuplicate(Parse("""{"x":1}""")));
        Assert.Equal(0, filter.Count);
    }

    [Fact]
    public void KeyAndValueBoundariesMatter()
    {
        var filter = new DuplicateFilter();
        filter.IsDuplicate(Parse("""{"eventID":"a","ab":"c"}"""));

        Assert.False(filter.IsDuplicate(Parse("""{"eventID":"a","a":"bc"}""")));
    }

    [Fact]
    public void ManyHashesSurviveGrowth()
    {
        var filter = new DuplicateFilter();
        var hashes = Enumerable.Range(0, 10_000).Select(i => (ulong)(i + 1) * 0xD6E8FEB86659FD93).ToList();

        Assert.All(hashes, hash => Assert.False(filter.IsDuplicate(hash)));
        Assert.All(hashes, hash => Assert.True(filter.IsDuplicate(hash)));
        Assert.Equal(10_000, filter.Count);
    }

    [Fact]
    public void ZeroHashIsKept()
    {
        var filter = new DuplicateFilter();

        Assert.False(filter.IsDuplicate(0UL));
        Assert.True(filter.IsDuplicate(0UL));
    }
}
