using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Read;
using Vigil.Tests.Support;
using SharedFolder = Vigil.Tests.Read.SharedData;

namespace Vigil.Tests.Map;

/// <summary>The hot-field slots of a mapped document hold exactly what <see cref="EcsDocument.FieldValues"/> reads.</summary>
public class HotFieldValuesTests
{
    [Fact]
    public void SlotsMatchFieldValuesOnSamples()
    {
        var documents = MapAll(RepoPaths.Samples);

        Assert.NotEmpty(documents);
        AssertSlotsMatch(documents);
    }

    [Fact]
    public void SlotsMatchFieldValuesOnRealRecords()
    {
        var documents = MapAll(SharedFolder.Require("data/cloudtrail"));

        Assert.Equal(3358, documents.Count);
        AssertSlotsMatch(documents);
    }

    [Fact]
    public void SlotHoldsSingleString()
    {
        var document = Filled("""{"event":{"action":"AssumeRole"}}""");

        Assert.Equal("AssumeRole", document.HotValue(HotFields.SlotOf("event.action")));
    }

    [Fact]
    public void SlotMarksMissingField()
    {
        var document = Filled("""{"event":{"provider":"sts.amazonaws.com"}}""");

        Assert.Same(HotFieldValues.Missing, document.HotValue(HotFields.SlotOf("event.action")));
    }

    [Fact]
    public void SlotEmptyForDottedAndNestedKeys()
    {
        var document = Filled("""{"event.action":"A","event":{"action":"B"}}""");

        Assert.Null(document.HotValue(HotFields.SlotOf("event.action")));
    }

    [Fact]
    public void SlotHoldsOnlyArrayElement()
    {
        var document = Filled("""{"event":{"category":[null,"iam"]}}""");

        Assert.Equal("iam", document.HotValue(HotFields.SlotOf("event.category")));
    }

    [Fact]
    public void SlotEmptyForNumber()
    {
        var document = Filled("""{"event":{"outcome":1}}""");

        Assert.Null(document.HotValue(HotFields.SlotOf("event.outcome")));
    }

    [Fact]
    public void SlotEmptyForObject()
    {
        var document = Filled("""{"user_agent":{"original":{"name":"x"}}}""");

        Assert.Null(document.HotValue(HotFields.SlotOf("user_agent.original")));
    }

    [Fact]
    public void SlotValuesShareOneInstance()
    {
        var first = Filled("""{"event":{"action":"AssumeRole"}}""");
        var second = Filled("""{"event":{"action":"AssumeRole"}}""");

        Assert.Same(first.HotValue(HotFields.SlotOf("event.action")), second.HotValue(HotFields.SlotOf("event.action")));
    }

    [Fact]
    public void PoolKeepsLongValuesApart()
    {
        var value = new string('a', HotValuePool.MaxLength + 1);

        Assert.Same(value, HotValuePool.Intern(value));
        Assert.NotSame(value, HotValuePool.Intern(new string('a', HotValuePool.MaxLength + 1)));
    }

    [Fact]
    public void SlotsEmptyWithoutFill()
    {
        var document = new EcsDocument(JsonNode.Parse("""{"event":{"action":"AssumeRole"}}""")!.AsObject());

        Assert.Null(document.HotValue(HotFields.SlotOf("event.action")));
    }

    private static EcsDocument Filled(string json)
    {
        var document = new EcsDocument(JsonNode.Parse(json)!.AsObject());
        document.FillHotValues();
        return document;
    }

    private static List<EcsDocument> MapAll(string folder) =>
        CloudTrailReader.ExpandPaths([folder]).SelectMany(new CloudTrailReader().ReadFile)
            .Where(item => item.Outcome == ReadOutcome.Record)
            .Select(item => CloudTrailMapper.Map(item.Record!).Document)
            .ToList();

    private static void AssertSlotsMatch(List<EcsDocument> documents)
    {
        foreach (var document in documents)
        {
            for (var slot = 0; slot < HotFields.Count; slot++)
            {
                var values = document.FieldValues(HotFields.Paths[slot]).ToList();
                var expected = values.Count switch
                {
                    0 => HotFieldValues.Missing,
                    1 when values[0] is JsonValue value && value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
                    _ => null,
                };

                Assert.Equal(expected, document.HotValue(slot));
            }
        }
    }
}
