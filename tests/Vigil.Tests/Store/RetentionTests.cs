using Vigil.Store;

namespace Vigil.Tests.Store;

public sealed class RetentionTests
{
    [Fact]
    public void DeleteExpired_OnlyOlderThanRetention()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        ingester.IngestFile(fixture.WriteFile("old.json", StoreFixture.Records(3)), TestContext.Current.CancellationToken);
        fixture.Clock.Now += TimeSpan.FromDays(2);
        ingester.IngestFile(fixture.WriteFile("new.json", StoreFixture.Records(2, firstIndex: 3)), TestContext.Current.CancellationToken);
        fixture.Clock.Now += TimeSpan.FromDays(29);

        var deleted = fixture.Store.DeleteExpiredEvents(TimeSpan.FromDays(30));

        Assert.Equal(3, deleted);
        Assert.Equal(2, fixture.Store.CountEvents());
    }

    [Fact]
    public void DeleteExpired_RecordsCutoffAndLatestTimestamp()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        ingester.IngestFile(fixture.WriteFile("old.json", StoreFixture.Records(3)), TestContext.Current.CancellationToken);
        fixture.Clock.Now += TimeSpan.FromDays(2);

        fixture.Store.DeleteExpiredEvents(TimeSpan.FromDays(1));

        var cutoff = fixture.Store.ReadRetentionCutoff();
        Assert.NotNull(cutoff);
        Assert.Equal((fixture.Clock.Now - TimeSpan.FromDays(1)).ToUnixTimeMilliseconds(), cutoff.IngestedBeforeMs);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 2, TimeSpan.Zero).ToUnixTimeMilliseconds(), cutoff.MaxTimestampMs);
    }

    [Fact]
    public void DeleteExpired_NothingDeleted_KeepsEarlierCutoff()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        ingester.IngestFile(fixture.WriteFile("old.json", StoreFixture.Records(3)), TestContext.Current.CancellationToken);
        fixture.Clock.Now += TimeSpan.FromDays(2);
        fixture.Store.DeleteExpiredEvents(TimeSpan.FromDays(1));
        var first = fixture.Store.ReadRetentionCutoff();
        fixture.Clock.Now += TimeSpan.FromDays(2);

        var deleted = fixture.Store.DeleteExpiredEvents(TimeSpan.FromDays(1));

        Assert.Equal(0, deleted);
        Assert.Equal(first, fixture.Store.ReadRetentionCutoff());
    }

    [Fact]
    public void ReadRetentionCutoff_NeverDeleted_IsNull()
    {
        using var fixture = new StoreFixture();
        var ingester = new EventIngester(fixture.Store);
        ingester.IngestFile(fixture.WriteFile("new.json", StoreFixture.Records(2)), TestContext.Current.CancellationToken);

        fixture.Store.DeleteExpiredEvents(TimeSpan.FromDays(1));

        Assert.Null(fixture.Store.ReadRetentionCutoff());
    }

    [Fact]
    public void DeleteExpired_KeepsAlerts()
    {
        using var fixture = new StoreFixture();
        fixture.Store.TryAddAlert(new StoredAlert("a1", "r1", "low", AlertStatus.Open, fixture.Clock.Now.AddYears(-1), []));

        fixture.Store.DeleteExpiredEvents(TimeSpan.FromDays(1));

        Assert.NotNull(fixture.Store.FindAlert("a1"));
    }

    [Theory]
    [InlineData("30d", 30 * 24 * 3600)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("90m", 90 * 60)]
    [InlineData("45s", 45)]
    [InlineData("2w", 14 * 24 * 3600)]
    public void RetentionPeriod_Parses(string text, long seconds)
    {
        Assert.True(RetentionPeriod.TryParse(text, out var period, out _));
        Assert.Equal(TimeSpan.FromSeconds(seconds), period);
    }

    [Theory]
    [InlineData("30d", "30d")]
    [InlineData("2s", "2s")]
    [InlineData("90m", "90m")]
    [InlineData("120m", "2h")]
    [InlineData("14d", "2w")]
    public void RetentionPeriod_FormatsAsParsed(string text, string formatted)
    {
        Assert.True(RetentionPeriod.TryParse(text, out var period, out _));

        Assert.Equal(formatted, RetentionPeriod.Format(period));
    }

    [Theory]
    [InlineData("")]
    [InlineData("d")]
    [InlineData("30")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("1.5d")]
    [InlineData("30y")]
    [InlineData("99999999999999w")]
    public void RetentionPeriod_Invalid_Rejected(string text)
    {
        Assert.False(RetentionPeriod.TryParse(text, out _, out var error));
        Assert.Contains(text, error, StringComparison.Ordinal);
    }
}
