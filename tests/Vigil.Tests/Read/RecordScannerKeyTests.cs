using System.Text;
using Vigil.Read;

namespace Vigil.Tests.Read;

/// <summary>
/// The scan's repeated-key check on both sides of the count where an object's keys move from the
/// scanner's key stack to <see cref="ObjectKeySet"/>, with the tokenizer and with the reader alone.
/// </summary>
public class RecordScannerKeyTests
{
    public static TheoryData<int> KeyCounts => [1, 2, 31, 32, 33, 64, 1000];

    [Theory]
    [MemberData(nameof(KeyCounts))]
    public void RepeatedFirstKey_Rejected(int count)
    {
        AssertRejected(Record($"\"o\":{{{Members(count)}, \"k0\":\"again\"}}"));
        AssertRejected(Record($"{Members(count)},\"k0\":\"again\""));
    }

    [Theory]
    [MemberData(nameof(KeyCounts))]
    public void RepeatedLastKey_Rejected(int count)
    {
        AssertRejected(Record($"\"o\":{{{Members(count)},\"k{count - 1}\":\"again\"}}"));
    }

    [Theory]
    [MemberData(nameof(KeyCounts))]
    public void EscapedRepeatedKey_Rejected(int count)
    {
        AssertRejected(Record($"\"o\":{{{Members(count)},\"\\u006b0\":\"again\"}}"));
    }

    [Theory]
    [MemberData(nameof(KeyCounts))]
    public void OuterKeyAfterLargeInnerObject_Rejected(int count)
    {
        // The inner object's keys leave the stack when it closes, and the outer object's stay checked.
        AssertRejected(Record($"\"p\":1,\"o\":{{{Members(count)}}},\"p\":2"));
    }

    [Theory]
    [MemberData(nameof(KeyCounts))]
    public void SameKeysInSiblingAndNestedObjects_Accepted(int count)
    {
        var members = Members(count);
        var json = Record($"\"eventID\":\"i\",\"k0\":0,\"a\":{{{members},\"n\":{{{members}}}}},\"b\":{{{members}}}");

        AssertAccepted(json, Reordered(json));
    }

    [Fact]
    public void ManyKeysInOneObject_Accepted()
    {
        // A record crafted with the most values a record may have, all keys of one object.
        var json = Record($"\"eventID\":\"i\",{Members(RecordLimits.MaxRecordValues - 3)}");

        AssertAccepted(json, Reordered(json));
    }

    private static string Record(string members) => "{\"eventName\":\"X\"," + members + "}";

    private static string Members(int count) => string.Join(",", Enumerable.Range(0, count).Select(i => $"\"k{i}\":{i}"));

    /// <summary>Returns <paramref name="json"/> with the members of every object in reverse order.</summary>
    private static string Reordered(string json) => Write(System.Text.Json.Nodes.JsonNode.Parse(json)!);

    private static string Write(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject obj => "{" + string.Join(",", obj.Reverse().Select(m => $"\"{m.Key}\":{Write(m.Value)}")) + "}",
        _ => node?.ToJsonString() ?? "null",
    };

    private static void AssertRejected(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        foreach (var purpose in new[] { ScanPurpose.Hunt, ScanPurpose.Store })
        {
            Assert.False(new RecordScanner(purpose).TryScan(bytes, out _), $"{purpose}, tokenizer first");
            Assert.False(new RecordScanner(purpose) { ReaderOnly = true }.TryScan(bytes, out _), $"{purpose}, reader only");
        }
    }

    private static void AssertAccepted(string json, string reordered)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var scanner = new RecordScanner(ScanPurpose.Hunt);
        Assert.True(RecordParser.TryParse(bytes, out var record, out _));

        Assert.True(scanner.TryScan(bytes, out var facts), "tokenizer first");
        Assert.Equal(0, scanner.ReaderScans);
        Assert.True(new RecordScanner(ScanPurpose.Hunt) { ReaderOnly = true }.TryScan(bytes, out var read), "reader only");
        Assert.True(scanner.TryScan(Encoding.UTF8.GetBytes(reordered), out var reorderedFacts), "reordered");
        Assert.Equal(QuickContentHash.Compute(record!), facts.ContentHash);
        Assert.Equal(facts, read);
        Assert.Equal(facts.ContentHash, reorderedFacts.ContentHash);
    }
}
