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

    [Theory]
    [InlineData("yesterday")]
    [InlineData("now-5x")]
    [InlineData("now-")]
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
