using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Store;

namespace Vigil.Tests.Store;

/// <summary>
/// A file that grows while it is watched, with writers that flush part of a line and the rest
/// later: every record is stored once and no half line is counted as an error.
/// </summary>
public sealed class GrowingFileTests
{
    [Fact]
    public void IngestFile_CappedMidLine_StoresAllLater()
    {
        using var fixture = new StoreFixture();
        var text = Lines(StoreFixture.Records(6));
        var path = Write(fixture, text);
        var ingester = new EventIngester(fixture.Store);

        var capped = ingester.IngestFile(path, Encoding.UTF8.GetByteCount(Lines(StoreFixture.Records(1))) + 20, TestContext.Current.CancellationToken);
        var rest = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(0, capped.Errors);
        Assert.Equal(0, rest.Errors);
        Assert.Equal(6, fixture.Store.CountEvents());
    }

    [Fact]
    public void PollOnce_AppendEndingMidLine_WaitsForRest()
    {
        using var fixture = new StoreFixture();
        var path = Settled(Write(fixture, Lines(StoreFixture.Records(3))));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);
        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        var (head, tail) = SplitInsideLastLine(Lines(StoreFixture.Records(3, firstIndex: 3)));
        Young(Append(path, head));

        var partial = watcher.PollOnce(TestContext.Current.CancellationToken);
        Settled(Append(path, tail + Lines(StoreFixture.Records(1, firstIndex: 6))));
        var completed = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(0, first.Errors + partial.Errors + completed.Errors);
        Assert.Equal(7, first.Stored + partial.Stored + completed.Stored);
        Assert.Equal(7, fixture.Store.CountEvents());
    }

    [Fact]
    public void PollOnce_UnchangedPartialTail_CountedOnceAsError()
    {
        // Written an hour ago, longer than the wait for a writer, so the tail is read as it is.
        using var fixture = new StoreFixture();
        var (head, _) = SplitInsideLastLine(Lines(StoreFixture.Records(4)));
        Settled(Write(fixture, head));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);

        var final = watcher.PollOnce(TestContext.Current.CancellationToken);
        var after = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(3, final.Stored);
        Assert.Equal(1, final.Errors);
        Assert.Equal(0, after.Records);
    }

    [Fact]
    public void PollOnce_YoungPartialTail_Held()
    {
        using var fixture = new StoreFixture();
        var (head, _) = SplitInsideLastLine(Lines(StoreFixture.Records(4)));
        Young(Write(fixture, head));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);

        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        var second = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(0, first.Records);
        Assert.Equal(0, second.Records);
    }

    [Fact]
    public void PollOnce_CompletedTornLine_Stored()
    {
        using var fixture = new StoreFixture();
        var (head, tail) = SplitInsideLastLine(Lines(StoreFixture.Records(4)));
        var path = Settled(Write(fixture, head));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);
        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        var second = watcher.PollOnce(TestContext.Current.CancellationToken);

        Settled(Append(path, tail + Lines(StoreFixture.Records(2, firstIndex: 4))));
        var grown = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(1, first.Errors + second.Errors);
        Assert.Equal(0, grown.Errors);
        Assert.Equal(3, grown.Stored);
        Assert.Equal(6, fixture.Store.CountEvents());
    }

    [Fact]
    public void IngestFile_Utf16Appended_StoresEveryRecord()
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "utf16.ndjson");
        File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Lines(StoreFixture.Records(3)))]);
        var ingester = new EventIngester(fixture.Store);
        var first = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        File.AppendAllText(path, Lines(StoreFixture.Records(3, firstIndex: 3)), new UnicodeEncoding(bigEndian: false, byteOrderMark: false));
        var appended = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(3, first.Stored);
        Assert.Equal(0, appended.Errors);
        Assert.Equal(3, appended.Stored);
        Assert.Equal(6, fixture.Store.CountEvents());
    }

    [Theory]
    [InlineData("junk!")]
    [InlineData("AAAA")]
    public void IngestFile_PayloadsAfterBadLineAppended_Stored(string badLine)
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "payloads.b64");
        File.WriteAllText(path, string.Concat(Enumerable.Range(0, 3).Select(i => Base64Payload(StoreFixture.Records(1, firstIndex: i)) + "\n")));
        var ingester = new EventIngester(fixture.Store);
        var first = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        File.AppendAllText(path, badLine + "\n" + Base64Payload(StoreFixture.Records(2, firstIndex: 3)) + "\n");
        var appended = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(3, first.Stored);
        Assert.Equal(2, appended.Stored);
        Assert.Equal(1, appended.Errors);
        Assert.Equal(0, appended.Skipped);
        Assert.Equal(5, fixture.Store.CountEvents());
    }

    [Fact]
    public void PollOnce_PayloadsAfterBadLineAppended_Stored()
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "payloads.b64");
        File.WriteAllText(path, Base64Payload(StoreFixture.Records(3)) + "\n");
        Settled(path);
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);
        var first = watcher.PollOnce(TestContext.Current.CancellationToken);
        var second = watcher.PollOnce(TestContext.Current.CancellationToken);

        Settled(Append(path, "junk!\n" + Base64Payload(StoreFixture.Records(2, firstIndex: 3)) + "\n"));
        var grown = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(3, first.Stored + second.Stored);
        Assert.Equal(2, grown.Stored);
        Assert.Equal(1, grown.Errors);
        Assert.Equal(5, fixture.Store.CountEvents());
    }

    [Fact]
    public void PollOnce_DocumentWithoutLineFeed_Stored()
    {
        using var fixture = new StoreFixture();
        Settled(Write(fixture, "{\"Records\": [" + string.Join(",", StoreFixture.Records(2)) + "]}"));
        using var watcher = new FolderWatcher(fixture.Store, [fixture.InputDirectory]);

        watcher.PollOnce(TestContext.Current.CancellationToken);
        var final = watcher.PollOnce(TestContext.Current.CancellationToken);

        Assert.Equal(0, final.Errors);
        Assert.Equal(2, fixture.Store.CountEvents());
    }

    [Fact]
    public void IngestFile_AppendWhileSegmentRead_ReadNextTime()
    {
        using var fixture = new StoreFixture();
        var lines = StoreFixture.Records(4).ToList();
        lines.Insert(1, "{broken");
        var path = Write(fixture, Lines(lines));
        var (head, tail) = SplitInsideLastLine(Lines(StoreFixture.Records(2, firstIndex: 4)));
        var ingester = new EventIngester(fixture.Store, new IngestOptions { BatchSize = 2, ProblemFound = _ => Append(path, head) });

        var during = ingester.IngestFile(path, new FileInfo(path).Length, TestContext.Current.CancellationToken);
        var partial = ingester.IngestFile(path, new FileInfo(path).Length, TestContext.Current.CancellationToken);
        Append(path, tail);
        var completed = ingester.IngestFile(path, new FileInfo(path).Length, TestContext.Current.CancellationToken);

        Assert.Equal(1, during.Errors);
        Assert.Equal(0, partial.Records);
        Assert.Equal(2, completed.Stored);
        Assert.Equal(0, completed.Errors);
        Assert.Equal(6, fixture.Store.CountEvents());
    }

    /// <summary>Returns the records as one CloudWatch Logs subscription payload, gzip in base64, as Kinesis delivers it.</summary>
    private static string Base64Payload(IEnumerable<string> records)
    {
        var payload = new JsonObject
        {
            ["messageType"] = "DATA_MESSAGE",
            ["owner"] = "111122223333",
            ["logGroup"] = "aws-cloudtrail-logs",
            ["logStream"] = "111122223333_CloudTrail_us-east-1",
            ["subscriptionFilters"] = new JsonArray("to-kinesis"),
            ["logEvents"] = new JsonArray([.. records.Select((record, i) => (JsonNode)new JsonObject { ["id"] = $"{i}", ["timestamp"] = 1, ["message"] = record })]),
        };
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        }

        return Convert.ToBase64String(compressed.ToArray());
    }

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));

    /// <summary>Splits NDJSON text ten bytes into its last line, where a writer's buffer might end.</summary>
    private static (string Head, string Tail) SplitInsideLastLine(string text)
    {
        var cut = text.LastIndexOf('\n', text.Length - 2) + 11;
        return (text[..cut], text[cut..]);
    }

    private static string Write(StoreFixture fixture, string text)
    {
        var path = Path.Combine(fixture.InputDirectory, "growing.ndjson");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Append(string path, string text)
    {
        File.AppendAllText(path, text);
        return path;
    }

    /// <summary>Dates the file's last write an hour back, so the watcher treats it as settled.</summary>
    /// <summary>Makes the file look written 10 seconds ago: settled for a poll, but within the wait for a writer.</summary>
    private static string Young(string path)
    {
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(-10));
        return path;
    }

    private static string Settled(string path)
    {
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        return path;
    }
}
