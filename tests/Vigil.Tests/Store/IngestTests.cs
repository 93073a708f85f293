using Vigil.Read;
using Vigil.Store;

namespace Vigil.Tests.Store;

public sealed class IngestTests
{
    [Fact]
    public void Ingest_SameRecordTwice_StoresOnce()
    {
        using var fixture = new StoreFixture();
        var record = StoreFixture.Record("e1", "2026-12-01T10:00:00Z");

        var result = new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", [record, record]), TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Stored);
        Assert.Equal(1, result.Duplicates);
        Assert.Equal(1, fixture.Store.CountEvents());
    }

    [Theory]
    [InlineData("""{"eventName":"AssumeRole","eventID":"e1"}""")]
    [InlineData("""{"eventName":"AssumeRole","eventTime":"not a date","eventID":"e1"}""")]
    public void Ingest_SameRecordWithoutTimestamp_StoresOnce(string record)
    {
        using var fixture = new StoreFixture();

        var result = new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", [record, record]), TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Stored);
        Assert.Equal(1, result.Duplicates);
    }

    [Fact]
    public void Ingest_SameRecordWithoutId_StoresBoth()
    {
        using var fixture = new StoreFixture();
        var record = """{"eventName":"AssumeRole","eventTime":"2026-12-01T10:00:00Z"}""";

        var result = new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", [record, record]), TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Stored);
        Assert.Equal(0, result.Duplicates);
    }

    [Fact]
    public void Ingest_SameIdOtherContent_StoresBoth()
    {
        using var fixture = new StoreFixture();
        string[] records = [StoreFixture.Record("e1", "2026-12-01T10:00:00Z"), StoreFixture.Record("e1", "2026-12-01T10:00:01Z")];

        var result = new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", records), TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Stored);
        Assert.Equal(0, result.Duplicates);
    }

    [Fact]
    public void Ingest_CopyUnderOtherName_AllDuplicates()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        ingester.IngestFile(fixture.WriteFile("a.json", StoreFixture.Records(5)), TestContext.Current.CancellationToken);

        var copy = ingester.IngestFile(fixture.WriteFile("b.json", StoreFixture.Records(5)), TestContext.Current.CancellationToken);

        Assert.Equal(5, copy.Duplicates);
        Assert.Equal(0, copy.Stored);
    }

    [Fact]
    public void Ingest_SameFileAgain_ReadsNothing()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        var path = fixture.WriteFile("a.json", StoreFixture.Records(5));
        ingester.IngestFile(path, TestContext.Current.CancellationToken);

        var again = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.False(again.ReadNewData);
        Assert.Equal(0, again.Records);
    }

    [Fact]
    public void Ingest_SetsIngestedFromClock()
    {
        using var fixture = new StoreFixture();
        new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", StoreFixture.Records(1)), TestContext.Current.CancellationToken);

        var stored = fixture.Store.ReadEventsAfter(0).Single();

        Assert.Equal(fixture.Clock.Now, stored.Ingested);
        Assert.Equal("2026-12-01T12:00:00.000Z", stored.Document.FieldValues("event.ingested").Single().ToString());
    }

    [Fact]
    public void Ingest_Counts_AddUp()
    {
        using var fixture = new StoreFixture();
        var first = StoreFixture.Record("e1", "2026-12-01T10:00:00Z");
        var path = fixture.WriteFile("a.json", [first, "{not json", first, StoreFixture.Record("e2", "2026-12-01T10:00:01Z")]);

        var result = new EventIngester(fixture.Store).IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(result.Records, result.Stored + result.Duplicates + result.Errors + result.Skipped);
        Assert.Equal(2, result.Stored);
        Assert.Equal(1, result.Errors);
    }

    [Fact]
    public void Ingest_MissingFile_OneNamedError()
    {
        using var fixture = new StoreFixture();
        var problems = new List<ReadItem>();
        var path = Path.Combine(fixture.InputDirectory, "absent.json");

        var result = new EventIngester(fixture.Store, new IngestOptions { ProblemFound = problems.Add }).IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Errors);
        Assert.Equal(path, Assert.Single(problems).File);
    }

    [Fact]
    public void Ingest_AbandonedBatch_ResumesWithoutDuplicates()
    {
        using var fixture = new StoreFixture();
        var lines = StoreFixture.Records(12).ToList();
        lines.Insert(7, "{broken");
        var path = fixture.WriteFile("a.json", lines);
        var crashing = new EventIngester(fixture.Store, new IngestOptions { BatchSize = 5, ProblemFound = _ => throw new InvalidOperationException("crash") });

        // The error item is the 8th, in the second batch: that batch's transaction is abandoned.
        Assert.Throws<InvalidOperationException>(() => crashing.IngestFile(path, TestContext.Current.CancellationToken));
        var committed = fixture.Store.CountEvents();
        var resumed = new EventIngester(fixture.Store, new IngestOptions { BatchSize = 5 }).IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(5, committed);
        Assert.Equal(8, resumed.Records);
        Assert.Equal(7, resumed.Stored);
        Assert.Equal(0, resumed.Duplicates);
        Assert.Equal(12, fixture.Store.CountEvents());
    }

    [Fact]
    public void Ingest_GrownFile_ReadsOnlyAppendedLines()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        var path = fixture.WriteFile("a.json", StoreFixture.Records(3));
        ingester.IngestFile(path, TestContext.Current.CancellationToken);
        File.AppendAllLines(path, StoreFixture.Records(2, firstIndex: 3));

        var grown = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(2, grown.Records);
        Assert.Equal(2, grown.Stored);
        Assert.Equal(5, fixture.Store.CountEvents());
    }

    [Fact]
    public void Ingest_GrownFileError_LocatedAfterOldEnd()
    {
        using var fixture = new StoreFixture();
        var problems = new List<ReadItem>();
        var ingester = new EventIngester(fixture.Store, new IngestOptions { ProblemFound = problems.Add });
        var path = fixture.WriteFile("a.json", StoreFixture.Records(1));
        ingester.IngestFile(path, TestContext.Current.CancellationToken);
        var oldLength = new FileInfo(path).Length;
        File.AppendAllText(path, "{broken\n");

        ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal($"line 1, byte 1 of the part appended after file byte {oldLength}", Assert.Single(problems).Location);
    }

    [Fact]
    public void Ingest_ReplacedFile_ReadAgainFromStart()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        var path = fixture.WriteFile("a.json", StoreFixture.Records(3));
        ingester.IngestFile(path, TestContext.Current.CancellationToken);
        fixture.WriteFile("a.json", StoreFixture.Records(2, firstIndex: 10).Concat(StoreFixture.Records(1)));

        var replaced = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(2, replaced.Stored);
        Assert.Equal(1, replaced.Duplicates);
    }

    [Fact]
    public void Ingest_AppendedGzipMember_ReadsIt()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        var path = Path.Combine(fixture.InputDirectory, "a.json.gz");
        AppendGzip(path, StoreFixture.Records(2));
        ingester.IngestFile(path, TestContext.Current.CancellationToken);
        AppendGzip(path, StoreFixture.Records(3, firstIndex: 2));

        var grown = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(3, grown.Stored);
        Assert.Equal(5, fixture.Store.CountEvents());
    }

    [Fact]
    public void Ingest_GzipCompletedAfterCut_ReadsEveryRecord()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        var whole = Path.Combine(fixture.InputDirectory, "whole.json.gz");
        AppendGzip(whole, StoreFixture.Records(200));
        var bytes = File.ReadAllBytes(whole);
        var path = Path.Combine(fixture.InputDirectory, "a.json.gz");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        // The first read finds a member cut short, as when a writer is half done.
        var cut = ingester.IngestFile(path, TestContext.Current.CancellationToken);
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.Write(bytes.AsSpan(bytes.Length / 2));
        }

        var completed = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(1, cut.Errors);
        Assert.Equal(0, completed.Errors);
        Assert.Equal(cut.Stored, completed.Duplicates);
        Assert.Equal(200, fixture.Store.CountEvents());
    }

    [Fact]
    public void Ingest_CancelledBeforeStart_ReadLater()
    {
        using var fixture = new StoreFixture();
        var path = fixture.WriteFile("a.json", StoreFixture.Records(10));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => new EventIngester(fixture.Store).IngestFile(path, cancel.Token));
        var resumed = new EventIngester(fixture.Store).IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(10, resumed.Stored);
    }

    private static void AppendGzip(string path, IEnumerable<string> lines)
    {
        using var file = new FileStream(path, FileMode.Append);
        using var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest);
        using var writer = new StreamWriter(gzip);
        foreach (var line in lines)
        {
            writer.Write(line + "\n");
        }
    }
}
