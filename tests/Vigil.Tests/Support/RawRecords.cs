using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Tests.Support;

/// <summary>
/// A deliberately simple, whole-file CloudTrail reader used to count expected results independently of
/// Vigil's streaming reader and ECS mapper.
/// </summary>
internal static class RawRecords
{
    public static IEnumerable<JsonObject> FromPaths(params string[] paths) =>
        paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p])
            .Order(StringComparer.Ordinal)
            .SelectMany(FromFile);

    /// <summary>Removes repeated deliveries: same eventID and same text.</summary>
    public static IEnumerable<JsonObject> Distinct(IEnumerable<JsonObject> records) =>
        records.DistinctBy(r => r.ToJsonString());

    public static IEnumerable<JsonObject> FromFile(string path)
    {
        var text = ReadText(path).Trim();
        if (text.Length == 0)
        {
            return [];
        }

        if (text[0] == '[')
        {
            return ParseOrNothing(text) is JsonArray array ? array.OfType<JsonObject>() : [];
        }

        if (text[0] == '{' && ParseOrNothing(text) is JsonObject whole)
        {
            return whole["Records"] is JsonArray records ? records.OfType<JsonObject>() : [];
        }

        return text.Split('\n').Select(ParseOrNothing).OfType<JsonObject>();
    }

    public static string? Text(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node is JsonValue value ? value.ToString() : null;
    }

    private static string ReadText(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length > 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            try
            {
                gzip.CopyTo(plain);
            }
            catch (InvalidDataException)
            {
                // A truncated archive yields what was decompressed before the damage.
            }

            bytes = plain.ToArray();
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static JsonNode? ParseOrNothing(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
