using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Read;

/// <summary>
/// Builds the base64 text of CloudWatch Logs subscription payloads, as Kinesis Data Streams and
/// Firehose deliver them, one per line or wrapped at a fixed width as <c>base64</c> wraps text.
/// </summary>
internal static class SubscriptionPayloadText
{
    /// <summary>Returns a subscription payload's JSON whose log events carry <paramref name="messages"/>, the CloudTrail records.</summary>
    public static string Payload(IEnumerable<string> messages) => new JsonObject
    {
        ["messageType"] = "DATA_MESSAGE",
        ["owner"] = "111122223333",
        ["logGroup"] = "aws-cloudtrail-logs",
        ["logStream"] = "111122223333_CloudTrail_us-east-1",
        ["subscriptionFilters"] = new JsonArray("to-kinesis"),
        ["logEvents"] = new JsonArray([.. messages.Select((message, i) => (JsonNode)new JsonObject { ["id"] = $"{i}", ["timestamp"] = 1, ["message"] = message })]),
    }.ToJsonString();

    /// <summary>Returns a payload whose records have the ids <c>id-</c><paramref name="ids"/>.</summary>
    public static string Payload(IEnumerable<int> ids) => Payload(ids.Select(id => ReadHelpers.Record(id)));

    public static string Base64Gzip(string json) => Convert.ToBase64String(ReadHelpers.Gzip(json));

    /// <summary>Splits <paramref name="text"/> into lines of <paramref name="width"/> characters, the last one shorter.</summary>
    public static string[] Wrap(string text, int width) => [.. text.Chunk(width).Select(chunk => new string(chunk))];

    /// <summary>Builds a gzip member whose header has an extra field (FEXTRA, RFC 1952 section 2.3.1).</summary>
    public static byte[] GzipWithExtraField(byte[] data, byte[] extra)
    {
        using var output = new MemoryStream();
        output.Write([0x1F, 0x8B, 0x08, 0x04, 0, 0, 0, 0, 0, 0xFF]);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(number, (ushort)extra.Length);
        output.Write(number[..2]);
        output.Write(extra);
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(data);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(number, Crc32.HashToUInt32(data));
        output.Write(number);
        BinaryPrimitives.WriteUInt32LittleEndian(number, (uint)data.Length);
        output.Write(number);
        return output.ToArray();
    }
}
