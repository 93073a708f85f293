using System.Text;
using System.Text.Json.Nodes;
using static Vigil.Tests.Read.ReadHelpers;

namespace Vigil.Tests.Read.Containers;

/// <summary>
/// Files of base64 subscription payloads one per line, as Kinesis Data Streams and Firehose deliver
/// them: a damaged line costs only its own payload, and its error names the file's line.
/// </summary>
public class Base64PayloadLineTests
{
    [Theory]
    [InlineData("\n", 0)]
    [InlineData("\n", 2)]
    [InlineData("\n", 3)]
    [InlineData("\r\n", 0)]
    [InlineData("\r\n", 3)]
    public void CutLine_CostsOnlyItsPayload(string lineBreak, int extraCharacters)
    {
        var lines = new[] { Payload(1, 2), Payload(3), Payload(4), Payload(5, 6), Payload(7) }.Select(Base64Gzip).ToArray();
        lines[2] = lines[2][..(lines[2].Length / 8 * 4 + extraCharacters)];

        var items = ReadAll(string.Join(lineBreak, lines) + lineBreak);

        Assert.Equal(["id-1", "id-2", "id-3", "id-5", "id-6", "id-7"], EventIds(items));
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 3, byte ", error.Location, StringComparison.Ordinal);
        Assert.StartsWith("the data ends inside a JSON value: gzip member 1 has no valid trailer", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith(
            "(the gzip data was decoded from the base64 payload that starts at line 3, so check that the line is complete; the payloads on the other lines are read); 3 records recovered before it",
            error.Reason,
            StringComparison.Ordinal);
        Assert.Equal(7, items.Count);
    }

    [Fact]
    public void CutInsideGroup_NamesBase64()
    {
        var lines = new[] { Payload(1, 2), Payload(3), Payload(4), Payload(5, 6), Payload(7) }.Select(Base64Gzip).ToArray();
        lines[2] = lines[2][..(lines[2].Length / 8 * 4 + 1)];

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Equal(["id-1", "id-2", "id-3", "id-5", "id-6", "id-7"], EventIds(items));
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 3, byte ", error.Location, StringComparison.Ordinal);
        Assert.Equal(
            "the data ends inside a JSON value: invalid base64 text: the payload that starts at line 3 ends with a single character of a group of four, so the line is cut short; 3 records recovered before it",
            error.Reason);
    }

    [Fact]
    public void CutLastLine_KeepsEarlierPayloads()
    {
        var lines = new[] { Payload(1), Payload(2), Payload(3) }.Select(Base64Gzip).ToArray();
        lines[2] = lines[2][..(lines[2].Length / 2)];

        var items = ReadAll(string.Join("\n", lines));

        Assert.Equal(["id-1", "id-2"], EventIds(items));
        Assert.StartsWith("line 3, ", Assert.Single(items.Errors()).Location, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidDeflateLine_CostsOnlyItsLine()
    {
        byte[] notDeflate = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0xFF, .. Enumerable.Repeat((byte)0xFF, 30)];
        var lines = new[] { Base64Gzip(Payload(1)), Base64Gzip(Payload(2)), Convert.ToBase64String(notDeflate), Base64Gzip(Payload(3)) };

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Equal(["id-1", "id-2", "id-3"], EventIds(items));
        var error = Assert.Single(items.Errors());
        Assert.Equal("line 3, byte 0", error.Location);
        Assert.EndsWith(
            "(the gzip data was decoded from the base64 payload that starts at line 3, so check that the line is complete; the payloads on the other lines are read); 2 records recovered before it, the rest of the payload is not read",
            error.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void NotGzipLine_CostsOnlyItsLine()
    {
        var padded = Enumerable.Range(2, 40).Select(id => Base64Gzip(Payload(id))).First(line => line.EndsWith('='));
        var lines = new[] { Base64Gzip(Payload(1)), padded, Convert.ToBase64String("plain text, not gzip"u8), Base64Gzip(Payload(50)) };

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Equal(3, EventIds(items).Count);
        Assert.Equal("id-50", EventIds(items)[^1]);
        var error = Assert.Single(items.Errors());
        Assert.Equal("line 3", error.Location);
        Assert.Equal(
            "not a payload: line 3 starts with 'cGxhaW4gdGV4dCwgbm90IGd6aXA=', but the base64 text of a CloudWatch Logs subscription payload starts with 'H4sI', the gzip header; the line is left out (counted as an error), and the payloads on the lines after it are read",
            error.Reason);
    }

    [Fact]
    public void BrokenLogEvent_CostsOnlyItsRecord()
    {
        var payload = Payload(3, 4);
        var broken = string.Concat(payload.AsSpan(0, payload.IndexOf("\"timestamp\":1", StringComparison.Ordinal)), "\"timestamp\":tru", payload.AsSpan(payload.IndexOf("\"timestamp\":1", StringComparison.Ordinal) + 13));
        var lines = new[] { Payload(1), Payload(2), broken, Payload(5) }.Select(Base64Gzip).ToArray();

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Equal(["id-1", "id-2", "id-4", "id-5"], EventIds(items));
        var error = Assert.Single(items.Errors());
        // The JSON reader places the error after the invalid literal's last valid byte.
        Assert.Equal($"line 3, log event 1, byte {broken.IndexOf("tru,", StringComparison.Ordinal) + 3}", error.Location);
        Assert.StartsWith("invalid JSON: invalid literal 'tru,", error.Reason, StringComparison.Ordinal);
        Assert.EndsWith($"; record 1 is left out (counted as an error) and reading continues at byte {broken.IndexOf(",{\"id\":\"4\"", StringComparison.Ordinal)}", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedJson_CostsOnlyItsPayload()
    {
        const string truncated = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"3\"";
        var lines = new[] { Payload(1), Payload(2), truncated, Payload(5) }.Select(Base64Gzip).ToArray();

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Equal(["id-1", "id-2", "id-5"], EventIds(items));
        var error = Assert.Single(items.Errors());
        Assert.Equal($"line 3, log event 1, byte {truncated.Length}", error.Location);
        Assert.Equal("the data ends inside a JSON value, so the payload or its gzip stream is truncated; 2 records recovered before it", error.Reason);
    }

    [Fact]
    public void ErrorInsidePayload_NamesFileLine()
    {
        var missingMessage = Payload(3, 4).Replace("\"message\":", "\"note\":", StringComparison.Ordinal);
        var lines = new[] { Payload(1), Payload(2), missingMessage, Payload(5) }.Select(Base64Gzip).ToArray();

        var items = ReadAll(string.Join("\n", lines) + "\n");

        Assert.Equal(["id-1", "id-2", "id-5"], EventIds(items));
        var third = missingMessage.IndexOf("{\"id\":\"3\"", StringComparison.Ordinal);
        var fourth = missingMessage.IndexOf("{\"id\":\"4\"", StringComparison.Ordinal);
        Assert.Equal([$"line 3, log event 1, byte {third}", $"line 3, log event 2, byte {fourth}"], items.Errors().Select(item => item.Location));
        Assert.All(items.Errors(), error => Assert.Equal("missing message: the log event has no message string, so it contains no CloudTrail record", error.Reason));
        Assert.Equal(["line 1, log event 1", "line 2, log event 1", "line 4, log event 1"], items.Records().Select(item => item.Location));
    }

    [Fact]
    public void BlankLinesBetweenPayloads_NameTheirLines()
    {
        var lines = new[] { Payload(1), Payload(2), Payload(3) }.Select(Base64Gzip).ToArray();

        var items = ReadAll($"{lines[0]}\n\n\n{lines[1]}\r\n  \r\n{lines[2]}");

        Assert.Equal(["line 1, log event 1", "line 4, log event 1", "line 6, log event 1"], items.Records().Select(item => item.Location));
        Assert.Equal(3, items.Count);
    }

    [Fact]
    public void WrappedPayloads_ReadAsBefore()
    {
        var wrapped = new[] { Payload(1, 2, 3, 4), Payload(5, 6) }
            .Select(payload => string.Join("\n", Base64Gzip(payload).Chunk(76).Select(chunk => new string(chunk))));

        var items = ReadAll(string.Join("\n", wrapped) + "\n");

        Assert.Equal(["id-1", "id-2", "id-3", "id-4", "id-5", "id-6"], EventIds(items));
        Assert.Empty(items.Errors());
    }

    [Fact]
    public void RawReader_NamesFileLine()
    {
        var lines = new[] { Payload(1), Payload(2, 3), Payload(4) }.Select(Base64Gzip).ToArray();
        lines[1] = lines[1][..(lines[1].Length / 2)];
        var path = Path.Combine(Path.GetTempPath(), $"vigil-payload-lines-{Guid.NewGuid():N}.b64");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        try
        {
            var records = new List<string>();
            var errors = new Vigil.Read.CloudTrailReader()
                .ReadFileRaw(path, (_, item, _, _, _, _) => records.Add(item.Location))
                .ToList();

            Assert.Equal(["line 1, log event 1", "line 3, log event 1"], records);
            var error = Assert.Single(errors);
            Assert.StartsWith("line 2, byte ", error.Location, StringComparison.Ordinal);
            Assert.EndsWith("; 1 record recovered before it", error.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CursorReader_NamesFileLine()
    {
        var lines = new[] { Payload(1), Payload(2, 3), Payload(4) }.Select(Base64Gzip).ToArray();
        lines[1] = lines[1][..(lines[1].Length / 2)];
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

        var items = new Vigil.Read.CloudTrailReader().ReadFileRaw(new MemoryStream(bytes), "payloads.b64", new Vigil.Read.RawRecordCursor()).ToList();

        Assert.Equal(["line 1, log event 1", "line 3, log event 1"], items.Records().Select(item => item.Location));
        var error = Assert.Single(items.Errors());
        Assert.StartsWith("line 2, byte ", error.Location, StringComparison.Ordinal);
        Assert.EndsWith("; 1 record recovered before it", error.Reason, StringComparison.Ordinal);
    }

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
