using System.Text.Json.Nodes;
using Vigil.Store;

namespace Vigil.Tests.Store;

public sealed class AlertStoreTests : IDisposable
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly StoreFixture _fixture = new();

    [Fact]
    public void TryAddAlert_New_Created()
    {
        Assert.True(_fixture.Store.TryAddAlert(Alert("a1")));
    }

    [Fact]
    public void TryAddAlert_SameId_NotCreatedAgain()
    {
        _fixture.Store.TryAddAlert(Alert("a1", severity: "low"));

        var created = _fixture.Store.TryAddAlert(Alert("a1", severity: "high"));

        Assert.False(created);
        Assert.Equal("low", _fixture.Store.FindAlert("a1")!.Severity);
    }

    [Fact]
    public void FindAlert_Unknown_Null()
    {
        Assert.Null(_fixture.Store.FindAlert("absent"));
    }

    [Fact]
    public void FindAlert_RoundTripsDocument()
    {
        _fixture.Store.TryAddAlert(Alert("a1"));

        var found = _fixture.Store.FindAlert("a1")!;

        Assert.Equal("a1", found.Document["kibana.alert.uuid"]!.GetValue<string>());
        Assert.Equal(Noon, found.Created);
        Assert.Equal(AlertStatus.Open, found.Status);
    }

    [Fact]
    public void ListAlerts_DeeplyNestedDocument_Listed()
    {
        var alert = Alert("a1");
        JsonNode nested = 1;
        for (var level = 0; level < 300; level++)
        {
            nested = new JsonObject { ["a"] = nested };
        }

        alert.Document["request_parameters"] = nested;
        _fixture.Store.TryAddAlert(alert);

        var listed = Assert.Single(_fixture.Store.ListAlerts(new AlertFilter()));

        Assert.Equal("a1", listed.Id);
        Assert.NotNull(_fixture.Store.FindAlert("a1"));
    }

    [Fact]
    public void ListAlerts_FiltersCombine()
    {
        _fixture.Store.TryAddAlert(Alert("a1", rule: "r1", severity: "low"));
        _fixture.Store.TryAddAlert(Alert("a2", rule: "r1", severity: "high"));
        _fixture.Store.TryAddAlert(Alert("a3", rule: "r2", severity: "high"));

        var listed = _fixture.Store.ListAlerts(new AlertFilter { RuleId = "r1", Severity = "high" });

        Assert.Equal("a2", Assert.Single(listed).Id);
    }

    [Fact]
    public void ListAlerts_Since_Inclusive()
    {
        _fixture.Store.TryAddAlert(Alert("a1", created: Noon.AddMinutes(-1)));
        _fixture.Store.TryAddAlert(Alert("a2", created: Noon));

        var listed = _fixture.Store.ListAlerts(new AlertFilter { Since = Noon });

        Assert.Equal("a2", Assert.Single(listed).Id);
    }

    [Fact]
    public void ListAlerts_OldestFirst()
    {
        _fixture.Store.TryAddAlert(Alert("late", created: Noon.AddMinutes(1)));
        _fixture.Store.TryAddAlert(Alert("early", created: Noon));

        var ids = _fixture.Store.ListAlerts(new AlertFilter()).Select(a => a.Id);

        Assert.Equal(["early", "late"], ids);
    }

    [Fact]
    public void SetAlertStatus_UpdatesColumnAndDocument()
    {
        _fixture.Store.TryAddAlert(Alert("a1"));

        var updated = _fixture.Store.SetAlertStatus("a1", AlertStatus.Acknowledged);

        var found = _fixture.Store.FindAlert("a1")!;
        Assert.True(updated);
        Assert.Equal(AlertStatus.Acknowledged, found.Status);
        Assert.Equal("acknowledged", found.Document["kibana.alert.workflow_status"]!.GetValue<string>());
        Assert.Equal("2026-12-01T12:00:00.000Z", found.Document["kibana.alert.workflow_status_updated_at"]!.GetValue<string>());
    }

    [Fact]
    public void SetAlertStatus_Unknown_False()
    {
        Assert.False(_fixture.Store.SetAlertStatus("absent", AlertStatus.Closed));
    }

    [Fact]
    public void ListAlerts_StatusFilter()
    {
        _fixture.Store.TryAddAlert(Alert("a1"));
        _fixture.Store.TryAddAlert(Alert("a2"));
        _fixture.Store.SetAlertStatus("a2", AlertStatus.Closed);

        var open = _fixture.Store.ListAlerts(new AlertFilter { Status = AlertStatus.Open });

        Assert.Equal("a1", Assert.Single(open).Id);
    }

    [Theory]
    [InlineData("open", AlertStatus.Open)]
    [InlineData("acknowledged", AlertStatus.Acknowledged)]
    [InlineData("closed", AlertStatus.Closed)]
    public void AlertStatusText_RoundTrips(string text, AlertStatus status)
    {
        Assert.True(AlertStatusText.TryParse(text, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(text, AlertStatusText.Format(status));
    }

    [Fact]
    public void AlertStatusText_Unknown_Rejected()
    {
        Assert.False(AlertStatusText.TryParse("in-progress", out _));
    }

    public void Dispose() => _fixture.Dispose();

    private static StoredAlert Alert(string id, string rule = "r1", string severity = "low", DateTimeOffset? created = null) =>
        new(id, rule, severity, AlertStatus.Open, created ?? Noon, new JsonObject
        {
            ["kibana.alert.uuid"] = id,
            ["kibana.alert.workflow_status"] = "open",
        });
}
