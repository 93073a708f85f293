using Vigil.Store;
using Vigil.Tests.Serving;

namespace Vigil.Tests.Store;

/// <summary>An ingest capped at the length a watcher saw settle leaves later appends for the next ingest.</summary>
public sealed class IngestLengthLimitTests
{
    [Fact]
    public void CappedIngestLeavesAppendForLater()
    {
        using var fixture = new StoreFixture();
        var path = Path.Combine(fixture.InputDirectory, "growing.ndjson");
        var first = string.Join("\n", Enumerable.Range(0, 2).Select(i => ServeInputs.Noise(i, "2026-12-01T10:00:00Z").ToJsonString())) + "\n";
        var appended = ServeInputs.Noise(2, "2026-12-01T10:00:01Z").ToJsonString() + "\n";
        File.WriteAllText(path, first + appended);
        var ingester = new EventIngester(fixture.Store);

        var capped = ingester.IngestFile(path, System.Text.Encoding.UTF8.GetByteCount(first), TestContext.Current.CancellationToken);
        var rest = ingester.IngestFile(path, TestContext.Current.CancellationToken);

        Assert.Equal(2, capped.Stored);
        Assert.Equal(0, capped.Errors);
        Assert.Equal(1, rest.Stored);
        Assert.Equal(0, rest.Errors);
        Assert.Equal(3, fixture.Store.CountEvents());
    }
}
