using Vigil.Store;

namespace Vigil.Tests.Store;

public sealed class CheckpointTests
{
    [Fact]
    public void TryAdvance_StalePrevious_Rejected()
    {
        using var fixture = new StoreFixture();
        using var connection = fixture.Store.OpenConnection();
        var first = new IngestCheckpoint("/logs/a.json", 0, 100, 0, false, [1]);
        using (var transaction = connection.BeginTransaction())
        {
            CheckpointTable.TryAdvance(connection, transaction, null, first with { ItemsDone = 5 }, 0);
            transaction.Commit();
        }

        using var stale = connection.BeginTransaction();
        var advanced = CheckpointTable.TryAdvance(connection, stale, first, first with { ItemsDone = 10 }, 0);

        Assert.False(advanced);
    }

    [Fact]
    public void TryAdvance_SecondInsert_Rejected()
    {
        using var fixture = new StoreFixture();
        using var connection = fixture.Store.OpenConnection();
        var checkpoint = new IngestCheckpoint("/logs/a.json", 0, 100, 5, false, [1]);
        using var transaction = connection.BeginTransaction();
        CheckpointTable.TryAdvance(connection, transaction, null, checkpoint, 0);

        var again = CheckpointTable.TryAdvance(connection, transaction, null, checkpoint, 0);

        Assert.False(again);
    }

    [Fact]
    public void Ingest_EmptyFileThenGrown_ReadsNewLines()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        var path = fixture.WriteFile("a.json", []);
        var empty = ingester.IngestFile(path, TestContext.Current.CancellationToken);
        File.AppendAllLines(path, StoreFixture.Records(2));

        var grown = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(1, empty.Skipped);
        Assert.Equal(2, grown.Stored);
    }
}
