using System.Text.Json.Nodes;
using Vigil.Hunt;
using Vigil.Map;

namespace Vigil.Tests.Hunt;

public class RuleWindowTests
{
    private static readonly DateTimeOffset From = DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset To = DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void OverrideFieldDecides()
    {
        var window = new RuleWindow("event.ingested", fallbackDisabled: false, From, To);

        Assert.False(window.Contains(Event(timestamp: "2026-12-01T09:30:00Z", ingested: "2026-12-01T11:00:00Z")));
        Assert.True(window.Contains(Event(timestamp: "2026-12-01T08:00:00Z", ingested: "2026-12-01T09:00:00Z")));
    }

    [Fact]
    public void MissingOverrideFallsBackToTimestamp()
    {
        var window = new RuleWindow("event.ingested", fallbackDisabled: false, From, To);

        Assert.True(window.Contains(Event(timestamp: "2026-12-01T10:00:00Z", ingested: null)));
    }

    [Fact]
    public void DisabledFallbackExcludesEvent()
    {
        var window = new RuleWindow("event.ingested", fallbackDisabled: true, From, To);

        Assert.False(window.Contains(Event(timestamp: "2026-12-01T09:30:00Z", ingested: null)));
    }

    [Fact]
    public void BoundsAreInclusive()
    {
        var window = new RuleWindow(null, fallbackDisabled: false, From, To);

        Assert.True(window.Contains(Event(timestamp: "2026-12-01T09:00:00.000Z", ingested: null)));
        Assert.True(window.Contains(Event(timestamp: "2026-12-01T10:00:00.000Z", ingested: null)));
        Assert.False(window.Contains(Event(timestamp: "2026-12-01T10:00:00.001Z", ingested: null)));
    }

    [Fact]
    public void UnboundedTakesUndatedEvent()
    {
        var window = new RuleWindow(null, fallbackDisabled: false, null, null);

        Assert.True(window.Contains(new EcsDocument(new JsonObject())));
    }

    private static EcsDocument Event(string timestamp, string? ingested)
    {
        var root = new JsonObject { ["@timestamp"] = timestamp };
        if (ingested is not null)
        {
            root["event"] = new JsonObject { ["ingested"] = ingested };
        }

        return new EcsDocument(root);
    }
}
