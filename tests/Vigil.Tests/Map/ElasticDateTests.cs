using Vigil.Map;

namespace Vigil.Tests.Map;

public class ElasticDateTests
{
    [Theory]
    [InlineData("2019-10-02T22:12:29Z", "2019-10-02T22:12:29.000Z")]
    [InlineData("2019-10-02T22:12:29.123456789Z", "2019-10-02T22:12:29.123Z")]
    [InlineData("2019-10-02T22:12:29,5Z", "2019-10-02T22:12:29.500Z")]
    [InlineData("2019-10-02T22:12:29+02:00", "2019-10-02T20:12:29.000Z")]
    [InlineData("2019-10-02T01:12:29-0230", "2019-10-02T03:42:29.000Z")]
    [InlineData("2019-10-02T22:12:29", "2019-10-02T22:12:29.000Z")]
    [InlineData("2019-10-02T22:12", "2019-10-02T22:12:00.000Z")]
    [InlineData("2019-10-02", "2019-10-02T00:00:00.000Z")]
    [InlineData("2019", "2019-01-01T00:00:00.000Z")]
    public void Iso8601Parses(string text, string expected)
    {
        Assert.True(ElasticDate.TryParseIso8601(text, out var formatted));
        Assert.Equal(expected, formatted);
    }

    [Theory]
    [InlineData("2019-10-02 22:12:29")]
    [InlineData("redacted")]
    [InlineData("2019-02-30T00:00:00Z")]
    [InlineData("2019-10-02T24:00:00Z")]
    [InlineData("2019-10-02T22:12:29.1234567891Z")]
    [InlineData("2019-10-02T22:12:29.Z")]
    [InlineData("20131102T010628Z")]
    [InlineData("")]
    public void Iso8601Rejects(string text)
    {
        Assert.False(ElasticDate.TryParseIso8601(text, out _));
    }

    [Theory]
    [InlineData("20131102T010628Z", "2013-11-02T01:06:28.000Z")]
    [InlineData("20131102T010628.250+0100", "2013-11-02T00:06:28.250Z")]
    [InlineData("2013-11-02T01:06:28Z", "2013-11-02T01:06:28.000Z")]
    public void CreationDateFormats(string text, string expected)
    {
        Assert.True(ElasticDate.TryParseIso8601OrBasic(text, out var formatted));
        Assert.Equal(expected, formatted);
    }
}
