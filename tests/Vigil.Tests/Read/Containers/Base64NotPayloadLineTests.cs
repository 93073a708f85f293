using System.Text;
using System.Text.Json.Nodes;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>
/// Lines of a file of base64 payloads that are not payloads (a header, a line of padding, text
/// after a payload), and wrapped payloads cut short. Each bad line is an error naming it, and the
/// payloads on the other lines are read.
/// </summary>
public class Base64NotPayloadLineTests
{
    private const string NotPayloadEnd =
        "but the base64 text of a CloudWatch Logs subscription payload starts with 'H4sI', the gzip header; the line is left out (counted as an error), and the payloads on the lines after it are read";

    [Fact]
    public void HeaderLine_PayloadsAfterRead()
    {
        var items = ReadAll("# kinesis export\n" + string.Join("\n", NinePayloadLines()) + "\n");

        Assert.Equal(9, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Equal("line 1", error.Location);
        Assert.Equal(
            "invalid base64 text at line 1, column 1: '#' is not a base64 character; the line is left out (counted as an error), and the payloads on the lines after it are read",
            error.Reason);
        Assert.Equal(10, items.Count);
    }

    [Theory]
    [InlineData("data")]
    [InlineData("AAAA")]
    public void Base64LettersLine_PayloadsAfterRead(string first)
    {
        var items = ReadAll(first + "\n" + string.Join("\n", NinePayloadLines()) + "\n");

        Assert.Equal(9, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Equal("line 1", error.Location);
        Assert.Equal($"not a payload: line 1 starts with '{first}', {NotPayloadEnd}", error.Reason);
        Assert.Equal(10, items.Count);
    }

    [Fact]
    public void SeveralLeadingLines_EachAnError()
    {
        var items = ReadAll("AAAA\n\ndata\n" + string.Join("\n", NinePayloadLines()) + "\n");

        Assert.Equal(9, items.Records().Count);
        Assert.Equal(["line 1", "line 3"], items.Errors().Select(error => error.Location));
        Assert.Equal(11, items.Count);
    }

    [Fact]
    public void Prose_StillNotCloudTrail()
    {
        var items = ReadAll("This file is a note.\nIt has several lines\nof text, and no payload.\n");

        var skip = Assert.Single(items);
        Assert.Equal(Vigil.Read.ReadOutcome.Skipped, skip.Outcome);
        Assert.Equal("not CloudTrail JSON: the data does not start with '{' or '['", skip.Reason);
    }

    [Fact]
    public void NdjsonAfterHeader_ReadAsBefore()
    {
        var items = ReadAll($"# export\n{Record(1)}\nH4sIAAAA\n");

        Assert.Single(items.Records());
        var errors = items.Errors();
        Assert.Equal(2, errors.Count);
        Assert.Equal("line 1, byte 0", errors[0].Location);
        Assert.StartsWith("line 3, ", errors[1].Location, StringComparison.Ordinal);
    }

    [Fact]
    public void CutWrappedPayload_KeepsNextLines()
    {
        var wrapped = Wrap(Base64Gzip(Payload([.. Enumerable.Range(1, 40)])), 76);
        Assert.True(wrapped.Length > 7);
        var singles = new[] { Payload(100, 101, 102), Payload(103, 104, 105), Payload(106, 107, 108) }.Select(Base64Gzip);

        var items = ReadAll(string.Join("\n", wrapped[..6].Concat(singles)) + "\n");

        // The records that the six lines hold whole are read before the error.
        var ids = EventIds(items);
        var recovered = ids.Count - 9;
        Assert.Equal(Enumerable.Range(1, recovered).Concat(Enumerable.Range(100, 9)).Select(id => $"id-{id}"), ids);
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 1, ", error.Location, StringComparison.Ordinal);
        Assert.Contains("gzip member 1 has no valid trailer (CRC-32 and size)", error.Reason, StringComparison.Ordinal);
        Assert.Contains(
            ": the payload is truncated or corrupt (the gzip data was decoded from the base64 payload that starts at line 1, so check that the line is complete; the payloads on the other lines are read)",
            error.Reason,
            StringComparison.Ordinal);
        Assert.DoesNotContain("gzip -t", error.Reason, StringComparison.Ordinal);
        Assert.Equal(ids.Count + 1, items.Count);
    }

    [Fact]
    public void WrappedLineLikeGzipHeader_StaysInPayload()
    {
        // The third line of the wrapped text starts at decoded byte 114, inside the extra field, which starts at byte 12.
        var extra = new byte[150];
        new byte[] { 0x1F, 0x8B, 0x08, 0x00 }.CopyTo(extra, 114 - 12);
        var wrapped = Wrap(Convert.ToBase64String(SubscriptionPayloadText.GzipWithExtraField(Encoding.UTF8.GetBytes(Payload(1, 2)), extra)), 76);
        Assert.StartsWith("H4sIA", wrapped[2], StringComparison.Ordinal);
        Assert.Equal(76, wrapped[2].Length);

        var items = ReadAll(string.Join("\n", wrapped) + "\n" + Base64Gzip(Payload(3)) + "\n");

        Assert.Equal(["id-1", "id-2", "id-3"], EventIds(items));
        Assert.Empty(items.Errors());
    }

    [Theory]
    [InlineData("AAAA")]
    [InlineData("QUJD")]
    [InlineData("hello")]
    public void TextAfterUnpaddedPayload_NamesItsLine(string bad)
    {
        var unpadded = Enumerable.Range(10, 60).Select(id => Base64Gzip(Payload(id))).First(line => !line.EndsWith('='));
        var lines = new[] { Base64Gzip(Payload(1, 2, 3)), unpadded, bad, Base64Gzip(Payload(4, 5, 6)) };

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Equal(7, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.Equal("line 3", error.Location);
        Assert.Equal(
            "not a payload: line 3 comes after the end of the gzip data of the payload that starts at line 2, so it decodes to data that is not gzip; "
            + "the line is left out (counted as an error), with any lines after it that do not start a payload, and the payloads after them are read",
            error.Reason);
        Assert.Equal(8, items.Count);
    }

    [Fact]
    public void PaddingLines_NameTheirLines()
    {
        var padded = Enumerable.Range(10, 60).Select(id => Base64Gzip(Payload(id))).First(line => line.EndsWith('='));
        var unpadded = Enumerable.Range(10, 60).Select(id => Base64Gzip(Payload(id))).First(line => !line.EndsWith('='));

        var items = ReadAll(string.Join("\n", padded, "==", unpadded, "=", Base64Gzip(Payload(1))) + "\n");

        Assert.Equal(3, items.Records().Count);
        var errors = items.Errors();
        Assert.Equal(2, errors.Count);
        Assert.Equal("line 2", errors[0].Location);
        Assert.Equal($"not a payload: line 2 starts with '==', {NotPayloadEnd}", errors[0].Reason);
        Assert.StartsWith("line 3, byte ", errors[1].Location, StringComparison.Ordinal);
        Assert.Contains(
            "invalid base64 text at line 4, column 1, in the payload that starts at line 3: '=' comes after only 0 of a group's four characters",
            errors[1].Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidDeflate_WordedWithPosition()
    {
        var gzip = Gzip(Encoding.UTF8.GetBytes(Payload(1, 2)));

        // Block type 3 is reserved (RFC 1951, section 3.2.3), so the inflater rejects the first block.
        gzip[10] |= 0x06;
        var items = ReadAll(Base64Gzip(Payload(7)) + "\n" + Convert.ToBase64String(gzip) + "\n" + Base64Gzip(Payload(8)) + "\n");

        Assert.Equal(2, items.Records().Count);
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 2", error.Location, StringComparison.Ordinal);
        Assert.Contains(
            "gzip member 1 has invalid deflate data after its 0 decompressed bytes, near compressed byte ",
            error.Reason,
            StringComparison.Ordinal);
        Assert.Contains(": the payload is truncated or corrupt (the gzip data was decoded from the base64 payload that starts at line 2", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("compression method", error.Reason, StringComparison.Ordinal);
    }

    private static string[] NinePayloadLines() =>
        [.. Enumerable.Range(0, 3).Select(k => Base64Gzip(Payload(3 * k, 3 * k + 1, 3 * k + 2)))];

    private static string[] Wrap(string text, int width) => [.. text.Chunk(width).Select(chunk => new string(chunk))];

    private static string Payload(params int[] ids) => new JsonObject
    {
        ["messageType"] = "DATA_MESSAGE",
        ["owner"] = "111122223333",
        ["logGroup"] = "aws-cloudtrail-logs",
        ["logStream"] = "111122223333_CloudTrail_us-east-1",
        ["subscriptionFilters"] = new JsonArray("to-kinesis"),
        ["logEvents"] = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["id"] = $"{id}", ["timestamp"] = 1, ["message"] = Record(id) })]),
    }.ToJsonString();

    private static string Base64Gzip(string json) => Convert.ToBase64String(Gzip(Encoding.UTF8.GetBytes(json)));

    private static List<string> EventIds(List<Vigil.Read.ReadItem> items) =>
        [.. items.Records().Select(item => item.Record!["eventID"]!.GetValue<string>())];
}
