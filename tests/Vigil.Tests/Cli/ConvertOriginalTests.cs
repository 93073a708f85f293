using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Tests.Support;

namespace Vigil.Tests.Cli;

/// <summary>
/// <c>vigil convert --keep-original</c> puts each record's text as read in <c>event.original</c>, as
/// Elastic keeps the original message: escapes, whitespace and lone surrogate escapes stay as they were.
/// </summary>
public class ConvertOriginalTests
{
    // An escaped letter, runs of spaces and a lone surrogate escape, which parsing would rewrite.
    private const string Line =
        """{"eventVersion":"1.08",  "eventTime":"2026-12-01T09:00:00Z","eventSource":"sts.amazonaws.com","eventName":"Assume\u0052ole","eventID":"e1","userAgent":"x\udc00y"}""";

    private const string Element =
        """
        {
            "eventVersion": "1.08",
            "eventTime": "2026-12-01T09:00:01Z",
            "eventName": "Get\u0043allerIdentity",
            "eventID": "e2"
          }
        """;

    private const string Other = """{"eventVersion":"1.08","eventTime":"2026-12-01T09:00:02Z","eventName":"ListBuckets","eventID":"e3"}""";

    [Fact]
    public void NdjsonLineIsKeptAsRead()
    {
        using var temp = new TempDirectory();
        var file = Write(temp, "trail.ndjson", Line + "\n" + Other + "\n");

        var originals = Originals(CliRunner.Run("convert", file, "--keep-original"));

        Assert.Equal([Line, Other], originals);
    }

    [Fact]
    public void DeliveryElementIsKeptAsRead()
    {
        using var temp = new TempDirectory();
        var file = Write(temp, "trail.json", "{\"Records\": [\n  " + Element + ",\n  " + Other + "\n]}\n");

        var originals = Originals(CliRunner.Run("convert", file, "--keep-original"));

        Assert.Equal([Element, Other], originals);
    }

    [Fact]
    public void GzipDeliveryIsKeptAsRead()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "trail.json.gz");
        using (var gzip = new GZipStream(File.Create(file), CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes("{\"Records\":[" + Line + "," + Element + "]}"));
        }

        var originals = Originals(CliRunner.Run("convert", file, "--keep-original"));

        Assert.Equal([Line, Element], originals);
    }

    [Fact]
    public void Utf16LineIsKeptAsText()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "trail.json");
        File.WriteAllText(file, Line + "\r\n" + Other + "\r\n", Encoding.Unicode);

        var originals = Originals(CliRunner.Run("convert", file, "--keep-original"));

        Assert.Equal([Line, Other], originals);
    }

    [Fact]
    public void SubscriptionMessageIsUnescaped()
    {
        using var temp = new TempDirectory();
        var payload = new JsonObject
        {
            ["messageType"] = "DATA_MESSAGE",
            ["logGroup"] = "trail",
            ["logEvents"] = new JsonArray(
                new JsonObject { ["id"] = "1", ["timestamp"] = 1, ["message"] = Line },
                new JsonObject { ["id"] = "2", ["timestamp"] = 2, ["message"] = Element }),
        };
        var file = Write(temp, "payload.json", payload.ToJsonString());

        var originals = Originals(CliRunner.Run("convert", file, "--keep-original"));

        Assert.Equal([Line, Element], originals);
    }

    [Fact]
    public void LookupEventsRecordIsUnescaped()
    {
        using var temp = new TempDirectory();
        var output = new JsonObject
        {
            ["Events"] = new JsonArray(
                new JsonObject { ["EventId"] = "e1", ["EventName"] = "AssumeRole", ["CloudTrailEvent"] = Line }),
        };
        var file = Write(temp, "lookup.json", output.ToJsonString());

        var originals = Originals(CliRunner.Run("convert", file, "--keep-original"));

        Assert.Equal([Line], originals);
    }

    [Fact]
    public void EventBridgeDetailIsKeptAsRead()
    {
        using var temp = new TempDirectory();
        var file = Write(temp, "event.json", """{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.sts","detail":""" + Element + "}");

        var originals = Originals(CliRunner.Run("convert", file, "--keep-original"));

        Assert.Equal([Element], originals);
    }

    [Fact]
    public void LoneSurrogateInMessageBecomesReplacement()
    {
        using var temp = new TempDirectory();

        // The escape is in the message string itself, so the unescaped record text has a lone
        // surrogate, which UTF-8 cannot encode. Elasticsearch stores U+FFFD for it.
        var file = Write(temp, "message.json", """{"message":"{\"eventTime\": \"2026-12-01T09:00:00Z\",\"eventName\":\"X\",\"x\":\"\ud800\"}"}""");

        var result = CliRunner.Run("convert", file, "--keep-original");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["{\"eventTime\": \"2026-12-01T09:00:00Z\",\"eventName\":\"X\",\"x\":\"\uFFFD\"}"], Originals(result));
    }

    [Fact]
    public void InvalidUtf8RecordIsErrorOthersKept()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "mixed.ndjson");
        var invalid = Encoding.UTF8.GetBytes("""{"eventTime":"2026-12-01T09:00:00Z","eventName":"X","x":"?"}""");
        invalid[Array.IndexOf(invalid, (byte)'?')] = 0xFF;
        File.WriteAllBytes(file, [.. invalid, (byte)'\n', .. Encoding.UTF8.GetBytes(Line + "\n")]);

        var result = CliRunner.Run("convert", file, "--keep-original");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("invalid UTF-8", result.StandardError, StringComparison.Ordinal);
        Assert.Equal([Line], Originals(result));
    }

    private static string Write(TempDirectory temp, string name, string text)
    {
        var file = Path.Combine(temp.Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Returns each document's <c>event.original</c>, and fails unless every output line is valid JSON.</summary>
    private static List<string> Originals(CliRunner.CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.StandardError);
        return
        [
            .. result.StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonNode.Parse(line)!["event"]!["original"]!.GetValue<string>()),
        ];
    }
}
