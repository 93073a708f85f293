using System.Text.Json.Nodes;
using Vigil.Map;
using Vigil.Read;
using Vigil.Store;
using Vigil.Tests.Support;

namespace Vigil.Tests.Store;

public sealed class LazyMappingTests
{
    private static readonly DateTimeOffset Ingested = new(2026, 12, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("samples")]
    [InlineData("shared")]
    public void RawRow_RealRecords_SameColumnsAsMapped(string source)
    {
        var pairs = RawAndMappedRows(source);

        Assert.NotEmpty(pairs);
        Assert.Empty(pairs.Where(p => ColumnsOf(p.Raw) != ColumnsOf(p.Mapped)).Select(p => p.Mapped.EventId));
    }

    [Theory]
    [InlineData("samples")]
    [InlineData("shared")]
    public void LazyDocument_RealRecords_SameAsMapped(string source)
    {
        var pairs = RawAndMappedRows(source);

        Assert.NotEmpty(pairs);
        Assert.Empty(pairs.Where(p => LazyText(p.Raw) != StoredText(p.Mapped)).Select(p => p.Mapped.EventId));
    }

    [Fact]
    public void Ingest_PlainRecord_StoresRawRecord()
    {
        using var fixture = new StoreFixture();
        new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", StoreFixture.Records(1)), TestContext.Current.CancellationToken);

        Assert.Equal((long)StoredDocumentFormat.CloudTrailRecord, FormatOfOnlyRow(fixture.Store));
    }

    [Fact]
    public void Ingest_UnparsableEventTime_StoresMappedDocument()
    {
        using var fixture = new StoreFixture();
        var result = new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", [StoreFixture.Record("e1", "yesterday")]), TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Stored);
        Assert.Equal(1, result.EventsWithMappingErrors);
        Assert.Equal((long)StoredDocumentFormat.EcsDocument, FormatOfOnlyRow(fixture.Store));
    }

    [Fact]
    public void Ingest_UnparsableEventTime_ReadAsPipelineError()
    {
        using var fixture = new StoreFixture();
        new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", [StoreFixture.Record("e1", "yesterday")]), TestContext.Current.CancellationToken);

        var stored = fixture.Store.ReadEventsAfter(0).Single();

        Assert.Null(stored.Timestamp);
        Assert.Equal("pipeline_error", stored.Document.FieldValues("event.kind").Single()!.ToString());
    }

    [Fact]
    public void Ingest_RawRecord_ReadWithTimestampColumn()
    {
        using var fixture = new StoreFixture();
        new EventIngester(fixture.Store).IngestFile(fixture.WriteFile("a.json", [StoreFixture.Record("e1", "2026-12-01T10:00:00+02:00")]), TestContext.Current.CancellationToken);

        var stored = fixture.Store.ReadEventsAfter(0).Single();

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), stored.Timestamp);
        Assert.Equal("2026-12-01T08:00:00.000Z", stored.Document.FieldValues("@timestamp").Single()!.ToString());
    }

    [Fact]
    public void LazyMapping_NotAnObject_GivesPipelineError()
    {
        var document = LazyMapping.Map("[1]"u8.ToArray(), Ingested);

        Assert.Equal("pipeline_error", document.FieldValues("event.kind").Single()!.ToString());
        Assert.Equal("[1]", document.FieldValues("event.original").Single()!.ToString());
    }

    private static List<(EventRow Raw, EventRow Mapped)> RawAndMappedRows(string source)
    {
        var folder = source == "samples" ? RepoPaths.Samples : RepoPaths.SharedOrSkip("data", "cloudtrail");
        var reader = new CloudTrailReader();
        var scanner = new RecordScanner();
        var cursor = new RawRecordCursor();
        var pairs = new List<(EventRow, EventRow)>();
        foreach (var path in CloudTrailReader.ExpandPaths([folder]))
        {
            foreach (var item in reader.ReadFileRaw(File.OpenRead(path), path, cursor))
            {
                if (item.Outcome == ReadOutcome.Record
                    && scanner.TryScan(cursor.Bytes, out var facts)
                    && RawEventRow.TryCreate(facts, Ingested.ToUnixTimeMilliseconds(), out var raw)
                    && RecordParser.TryParse(cursor.Bytes, out var record, out _))
                {
                    pairs.Add((raw with { Document = cursor.Bytes.ToArray() }, EventRow.Create(record!, CloudTrailMapper.Map(record!).Document, Ingested)));
                }
            }
        }

        return pairs;
    }

    private static string ColumnsOf(EventRow row) =>
        $"{row.DataStream}|{row.Timestamp}|{row.Ingested}|{row.EventId}|{row.Provider}|{row.Action}|{row.ContentHash}";

    private static string LazyText(EventRow raw) =>
        LazyMapping.Map((byte[])raw.Document!, DateTimeOffset.FromUnixTimeMilliseconds(raw.Ingested)).Root.ToJsonString();

    // What reading an eagerly stored row gave: its JSON text parsed again.
    private static string StoredText(EventRow mapped) => JsonNode.Parse((string)mapped.Document!)!.ToJsonString();

    private static long FormatOfOnlyRow(VigilStore store)
    {
        using var connection = store.OpenConnection();
        return (long)StoreCommands.Scalar(connection, null, "SELECT format FROM events")!;
    }
}
