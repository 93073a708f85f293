using Vigil.Store;

namespace Vigil.Tests.Store;

public sealed class WindowQueryTests : IDisposable
{
    private static readonly DateTimeOffset Ten = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly StoreFixture _fixture = new();

    public WindowQueryTests()
    {
        // e0..e9 at 10:00:00..10:00:09; e3 and e7 are GetCallerIdentity calls, e5 is an IAM call.
        var records = StoreFixture.Records(10).ToArray();
        records[3] = StoreFixture.Record("e3", "2026-12-01T10:00:03Z", "GetCallerIdentity");
        records[7] = StoreFixture.Record("e7", "2026-12-01T10:00:07Z", "GetCallerIdentity");
        records[5] = StoreFixture.Record("e5", "2026-12-01T10:00:05Z", "CreateUser", "iam.amazonaws.com");
        new EventIngester(_fixture.Store).IngestFile(_fixture.WriteFile("a.json", records), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Window_BoundsInclusive()
    {
        var ids = Ids(new EventWindow(Ten.AddSeconds(2), Ten.AddSeconds(4)));

        Assert.Equal(["e2", "e3", "e4"], ids);
    }

    [Fact]
    public void Window_SubMillisecondFrom_ExcludesEarlierMillisecond()
    {
        var ids = Ids(new EventWindow(Ten.AddSeconds(2).AddTicks(1), Ten.AddSeconds(3)));

        Assert.Equal(["e3"], ids);
    }

    [Fact]
    public void Window_Actions_OnlyCandidates()
    {
        var ids = Ids(new EventWindow(Ten, Ten.AddSeconds(9)) { Actions = new HashSet<string> { "GetCallerIdentity" } });

        Assert.Equal(["e3", "e7"], ids);
    }

    [Fact]
    public void Window_ActionsCaseSensitive()
    {
        var ids = Ids(new EventWindow(Ten, Ten.AddSeconds(9)) { Actions = new HashSet<string> { "getcalleridentity" } });

        Assert.Empty(ids);
    }

    [Fact]
    public void Window_EmptyActionSet_NoEvents()
    {
        var ids = Ids(new EventWindow(Ten, Ten.AddSeconds(9)) { Actions = new HashSet<string>() });

        Assert.Empty(ids);
    }

    [Fact]
    public void Window_ActionsAndProviders_BothApply()
    {
        var window = new EventWindow(Ten, Ten.AddSeconds(9))
        {
            Actions = new HashSet<string> { "CreateUser", "GetCallerIdentity" },
            Providers = new HashSet<string> { "iam.amazonaws.com" },
        };

        Assert.Equal(["e5"], Ids(window));
    }

    [Fact]
    public void Window_OldestFirst()
    {
        var times = _fixture.Store.ReadEvents(new EventWindow(Ten, Ten.AddSeconds(9))).Select(e => e.Timestamp!.Value).ToList();

        Assert.Equal(times.Order(), times);
        Assert.Equal(10, times.Count);
    }

    [Fact]
    public void Window_IngestedField_UsesStoreTime()
    {
        var now = _fixture.Clock.Now;

        Assert.Equal(10, Ids(EventWindow.IngestedBetween(now, now)).Count);
        Assert.Empty(Ids(EventWindow.IngestedBetween(Ten, Ten.AddSeconds(9))));
    }

    [Fact]
    public void Window_IngestedMissing_FallsBackToTimestamp()
    {
        ClearIngested("e4");

        var ids = Ids(new EventWindow(Ten, Ten.AddSeconds(9)) { TimeField = EventTimeField.Ingested });

        Assert.Equal(["e4"], ids);
    }

    [Fact]
    public void Window_FallbackDisabled_SkipsMissingIngested()
    {
        ClearIngested("e4");

        var ids = Ids(new EventWindow(Ten, Ten.AddSeconds(9)) { TimeField = EventTimeField.Ingested, FallbackToTimestamp = false });

        Assert.Empty(ids);
    }

    [Fact]
    public void Window_IngestedInRange_IgnoresTimestamp()
    {
        var now = _fixture.Clock.Now;

        var ids = Ids(new EventWindow(now, now) { TimeField = EventTimeField.Ingested });

        Assert.Equal(10, ids.Count);
    }

    [Fact]
    public void EventsAfter_StartsAfterSequence()
    {
        var all = _fixture.Store.ReadEventsAfter(0).ToList();

        var later = _fixture.Store.ReadEventsAfter(all[6].Sequence).Select(e => e.EventId).ToList();

        Assert.Equal(["e7", "e8", "e9"], later);
    }

    [Fact]
    public void LatestSequence_IsLastEvent()
    {
        var last = _fixture.Store.ReadEventsAfter(0).Last();

        Assert.Equal(last.Sequence, _fixture.Store.LatestSequence());
    }

    [Fact]
    public void LatestSequence_KeptAfterRetention()
    {
        var before = _fixture.Store.LatestSequence();
        _fixture.Clock.Now += TimeSpan.FromDays(2);

        _fixture.Store.DeleteExpiredEvents(TimeSpan.FromDays(1));

        Assert.Equal(0, _fixture.Store.CountEvents());
        Assert.Equal(before, _fixture.Store.LatestSequence());
    }

    [Fact]
    public void Window_DocumentKeepsDataStream()
    {
        var stored = _fixture.Store.ReadEvents(new EventWindow(Ten, Ten)).Single();

        Assert.Equal("logs-aws.cloudtrail-default", stored.Document.DataStream);
        Assert.Equal("AssumeRole", stored.Document.FieldValues("event.action").Single().ToString());
    }

    public void Dispose() => _fixture.Dispose();

    private List<string?> Ids(EventWindow window) => [.. _fixture.Store.ReadEvents(window).Select(e => e.EventId)];

    private void ClearIngested(string eventId)
    {
        using var connection = _fixture.Store.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE events SET ingested = NULL WHERE event_id = $id";
        command.Parameters.AddWithValue("$id", eventId);
        command.ExecuteNonQuery();
    }
}
