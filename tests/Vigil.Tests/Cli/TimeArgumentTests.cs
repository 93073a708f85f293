using Vigil.Cli;

namespace Vigil.Tests.Cli;

public class TimeArgumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("now", "2026-12-04T12:00:00Z")]
    [InlineData("now-24h", "2026-12-03T12:00:00Z")]
    [InlineData("now-7d", "2026-11-27T12:00:00Z")]
    [InlineData("now+30m", "2026-12-04T12:30:00Z")]
    [InlineData("now-1M", "2026-11-04T12:00:00Z")]
    [InlineData("now-1y", "2025-12-04T12:00:00Z")]
    [InlineData("now-2w", "2026-11-20T12:00:00Z")]
    [InlineData("2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01T10:00:00+01:00", "2026-12-01T09:00:00Z")]
    [InlineData("2026-12-01", "2026-12-01T00:00:00Z")]
    public void ValidTimesParse(string text, string expected)
    {
        Assert.True(TimeArgument.TryParse(text, Now, out var time, out var error), error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    // 2026-12-04 is a Friday, so its week started on Monday 2026-11-30.
    [Theory]
    [InlineData("now/d", false, "2026-12-04T00:00:00Z")]
    [InlineData("now/d", true, "2026-12-04T23:59:59.999Z")]
    [InlineData("now-1d/d", false, "2026-12-03T00:00:00Z")]
    [InlineData("now/h", true, "2026-12-04T12:59:59.999Z")]
    [InlineData("now/w", false, "2026-11-30T00:00:00Z")]
    [InlineData("now/w", true, "2026-12-06T23:59:59.999Z")]
    [InlineData("now-1M/M", false, "2026-11-01T00:00:00Z")]
    [InlineData("now-1M/M", true, "2026-11-30T23:59:59.999Z")]
    [InlineData("now/y", false, "2026-01-01T00:00:00Z")]
    [InlineData("now+30m/m", false, "2026-12-04T12:30:00Z")]

    // Several operations apply left to right.
    [InlineData("now+1m-1m", false, "2026-12-04T12:00:00Z")]
    [InlineData("now-1d/d+8h", false, "2026-12-03T08:00:00Z")]
    [InlineData("now/d+1h", true, "2026-12-05T00:59:59.999Z")]
    [InlineData("now/d/d", false, "2026-12-04T00:00:00Z")]
    [InlineData("now-1M/M-1d", false, "2026-10-31T00:00:00Z")]

    // A partial ISO 8601 --to covers its whole unit, as Elasticsearch rounds a partial lte bound up.
    [InlineData("2026-12-01", false, "2026-12-01T00:00:00Z")]
    [InlineData("2026-12-01", true, "2026-12-01T23:59:59.999Z")]
    [InlineData("2026-12-01T10", true, "2026-12-01T10:59:59.999Z")]
    [InlineData("2026-12-01T10:00", true, "2026-12-01T10:00:59.999Z")]
    [InlineData("2026-12-01 10:00", true, "2026-12-01T10:00:59.999Z")]
    [InlineData("2026-12-01T10:00+01:00", true, "2026-12-01T09:00:59.999Z")]
    [InlineData("2026-02", true, "2026-02-28T23:59:59.999Z")]
    [InlineData("2028-02", true, "2028-02-29T23:59:59.999Z")]
    [InlineData("2026", true, "2026-12-31T23:59:59.999Z")]
    [InlineData("9999-12-31", true, "9999-12-31T23:59:59.999Z")]

    // A time given to the second, or to a fraction of it, is taken as written.
    [InlineData("2026-12-01T10:00:00Z", true, "2026-12-01T10:00:00Z")]
    [InlineData("2026-12-01T10:00:00.5Z", true, "2026-12-01T10:00:00.5Z")]
    public void RoundedTimesParse(string text, bool roundUp, string expected)
    {
        Assert.True(TimeArgument.TryParse(text, Now, out var time, out var error, roundUp), error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("now/x")]
    [InlineData("now/")]
    [InlineData("now/d/")]
    public void InvalidRoundingNamesValue(string text)
    {
        Assert.False(TimeArgument.TryParse(text, Now, out _, out var error));
        Assert.Contains(text, error);
        Assert.Contains("now/d", error);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("now-5x")]
    [InlineData("now-")]
    [InlineData("now-\uFF11h")]
    [InlineData("now-\u0661h")]

    // Only ISO 8601 is read, not every form .NET's lenient parser takes.
    [InlineData("Dec 1 2026")]
    [InlineData("12/01/2026")]
    [InlineData("10:00")]
    [InlineData("2026-13-01")]
    [InlineData("20261201")]
    [InlineData("0001-01-01T00:00+01:00")]
    public void InvalidTimeNamesValueAndFix(string text)
    {
        Assert.False(TimeArgument.TryParse(text, Now, out _, out var error));
        Assert.Contains(text, error);
        Assert.Contains("ISO 8601", error);
    }

    [Theory]
    [InlineData("now-99999999d")]
    [InlineData("now-1000000w")]
    public void HugeOffsetIsInvalid(string text)
    {
        Assert.False(TimeArgument.TryParse(text, Now, out _, out var error));
        Assert.Contains(text, error);
    }
}
