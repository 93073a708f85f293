using Vigil.Store;

namespace Vigil.Tests.Store;

public sealed class EventRowWriterTests
{
    private static readonly EventRow Row = new("logs-aws.cloudtrail-default", 1764583200000, 1764590400000, "e1", "sts.amazonaws.com", "AssumeRole", UInt128.One, """{"event":{}}""");

    [Fact]
    public void TryInsert_EmptyString_StoredAsEmpty()
    {
        using var fixture = new StoreFixture();

        Assert.Equal("''", InsertAndSelect(fixture, Row with { Action = "" }, "quote(action)"));
    }

    [Fact]
    public void TryInsert_NullColumns_StoredAsNull()
    {
        using var fixture = new StoreFixture();

        Assert.Equal("NULL NULL NULL", InsertAndSelect(fixture, Row with { Action = null, Timestamp = null, ContentHash = null }, "quote(action) || ' ' || quote(timestamp) || ' ' || quote(content_hash)"));
    }

    [Fact]
    public void TryInsert_ContentHash_StoredBigEndian()
    {
        using var fixture = new StoreFixture();

        Assert.Equal("00000000000000000000000000000001", InsertAndSelect(fixture, Row, "hex(content_hash)"));
    }

    [Fact]
    public void TryInsert_RawRecord_StoredAsBlob()
    {
        using var fixture = new StoreFixture();

        Assert.Equal("blob {}", InsertAndSelect(fixture, Row with { Document = null }, "typeof(document) || ' ' || CAST(document AS TEXT)", "{}"u8));
    }

    [Fact]
    public void TryInsert_SameKeyTwice_SecondIsDuplicate()
    {
        using var fixture = new StoreFixture();
        using var connection = fixture.Store.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using var writer = new EventRowWriter(connection);

        Assert.True(writer.TryInsert(Row));
        Assert.False(writer.TryInsert(Row with { EventId = "other" }));
    }

    private static string InsertAndSelect(StoreFixture fixture, EventRow row, string expression, ReadOnlySpan<byte> rawRecord = default)
    {
        using var connection = fixture.Store.OpenConnection();
        using (var transaction = connection.BeginTransaction())
        using (var writer = new EventRowWriter(connection))
        {
            Assert.True(writer.TryInsert(row, rawRecord));
            transaction.Commit();
        }

        return (string)StoreCommands.Scalar(connection, null, $"SELECT {expression} FROM events")!;
    }
}
