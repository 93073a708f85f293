using Vigil.Store;

namespace Vigil.Tests.Store;

/// <summary>
/// The check that <c>vigil.db</c> is still the file the store opened, which an ingest makes before
/// each file and each batch commit, because SQLite writes on into a deleted or replaced file and reports no error.
/// </summary>
public sealed class StoreFileCheckTests
{
    [Fact]
    public void UnchangedFileIngests()
    {
        using var fixture = new StoreFixture();
        var file = fixture.WriteFile("a.json", [StoreFixture.Record("e1", "2026-12-01T10:00:00Z")]);

        var result = new EventIngester(fixture.Store).IngestFile(file, TestContext.Current.CancellationToken);

        Assert.Equal(1, result.Stored);
    }

    [Fact]
    public void DeletedDirectoryStopsIngest()
    {
        using var fixture = new StoreFixture();
        var file = fixture.WriteFile("a.json", [StoreFixture.Record("e1", "2026-12-01T10:00:00Z")]);
        Directory.Delete(fixture.DataDirectory, recursive: true);

        var error = Assert.Throws<StoreFileReplacedException>(() => new EventIngester(fixture.Store).IngestFile(file, TestContext.Current.CancellationToken));

        Assert.Contains($"{fixture.Store.DatabasePath} was deleted while Vigil had it open", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(fixture.DataDirectory));
    }

    [Fact]
    public void ReplacedFileStopsIngest()
    {
        using var fixture = new StoreFixture();
        var file = fixture.WriteFile("a.json", [StoreFixture.Record("e1", "2026-12-01T10:00:00Z")]);
        Directory.Move(fixture.DataDirectory, fixture.DataDirectory + ".old");
        Directory.CreateDirectory(fixture.DataDirectory);
        File.Copy(Path.Combine(fixture.DataDirectory + ".old", VigilStore.DatabaseFileName), fixture.Store.DatabasePath);

        var error = Assert.Throws<StoreFileReplacedException>(() => new EventIngester(fixture.Store).IngestFile(file, TestContext.Current.CancellationToken));

        Assert.Contains($"{fixture.Store.DatabasePath} was replaced by another file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeletedBetweenBatchesStopsIngest()
    {
        using var fixture = new StoreFixture();
        string[] lines = [.. StoreFixture.Records(2), "{not json", .. StoreFixture.Records(2, firstIndex: 2)];
        var file = fixture.WriteFile("a.json", lines);
        var problems = 0;

        // The bad line is read in the second batch, after the first one committed.
        var ingester = new EventIngester(fixture.Store, new IngestOptions
        {
            BatchSize = 2,
            ProblemFound = _ =>
            {
                problems++;
                Directory.Delete(fixture.DataDirectory, recursive: true);
            },
        });
        var error = Assert.Throws<StoreFileReplacedException>(() => ingester.IngestFile(file, TestContext.Current.CancellationToken));

        Assert.Equal(1, problems);
        Assert.Contains($"{fixture.Store.DatabasePath} was deleted while Vigil had it open", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(fixture.DataDirectory));
    }
}
