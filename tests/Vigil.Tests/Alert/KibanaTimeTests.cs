using System.Text.Json.Nodes;
using CsCheck;
using Vigil.Alert;

namespace Vigil.Tests.Alert;

/// <summary>
/// An alert's <c>kibana.alert.original_time</c> reuses a timestamp already in Kibana's form, and must
/// give the same text as parsing and formatting it would.
/// </summary>
public class KibanaTimeTests
{
    [Theory]
    [InlineData("2026-01-01T00:00:00.000Z")]
    [InlineData("2024-02-29T23:59:59.999Z")]
    [InlineData("2026-02-29T00:00:00.000Z")]
    [InlineData("2026-04-31T00:00:00.000Z")]
    [InlineData("0000-01-01T00:00:00.000Z")]
    [InlineData("2026-13-01T00:00:00.000Z")]
    [InlineData("2026-12-01T24:00:00.000Z")]
    [InlineData("2016-12-31T23:59:60.000Z")]
    [InlineData("2026-12-01T10:00:00Z")]
    [InlineData("2026-12-01T10:00:00.000+01:00")]
    [InlineData("2026-12-01 10:00:00.000Z")]
    [InlineData("not a time")]
    public void TimestampText_MatchesParseAndFormat(string timestamp)
    {
        AssertSameAsParseAndFormat(new JsonObject { ["@timestamp"] = timestamp });
    }

    [Fact]
    public void NumericTimestamp_IsFormatted()
    {
        var source = new JsonObject { ["@timestamp"] = 1764583200000 };

        Assert.True(KibanaTime.TryReadTimestampText(source, out var text));
        Assert.Equal("2025-12-01T10:00:00.000Z", text);
    }

    [Fact]
    public void MissingTimestamp_IsNotFound()
    {
        Assert.False(KibanaTime.TryReadTimestampText(new JsonObject(), out _));
    }

    [Fact]
    public void DigitsInTimestampShape_MatchParseAndFormat()
    {
        // Every field drawn past its range too, so that invalid dates in the right shape are tried.
        Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 13], Gen.Int[0, 32], Gen.Int[0, 25], Gen.Int[0, 61], Gen.Int[0, 61], Gen.Int[0, 999])
            .Sample((year, month, day, hour, minute, second, millisecond) => AssertSameAsParseAndFormat(new JsonObject
            {
                ["@timestamp"] = $"{year:D4}-{month:D2}-{day:D2}T{hour:D2}:{minute:D2}:{second:D2}.{millisecond:D3}Z",
            }));
    }

    private static void AssertSameAsParseAndFormat(JsonObject source)
    {
        var parsed = KibanaTime.TryReadTimestamp(source, out var time);

        Assert.Equal(parsed, KibanaTime.TryReadTimestampText(source, out var text));
        Assert.Equal(parsed ? KibanaTime.Format(time) : "", text);
    }
}
