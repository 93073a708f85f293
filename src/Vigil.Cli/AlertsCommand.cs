using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Defines <c>vigil alerts</c> and its subcommands over the alerts in the store.</summary>
internal static class AlertsCommand
{
    private const string AlertIdFix = "an alert id or a prefix of one, as 'vigil alerts list' prints them";

    public static Command Create() => new("alerts", "List, show and triage the alerts 'vigil serve' and 'vigil rules run' stored.")
    {
        CreateList(),
        CreateShow(),
        CreateSetStatus(),
    };

    private static Command CreateList()
    {
        var data = StoreOption.Create();
        var rule = new Option<string?>("--rule") { Description = "Only alerts of this rule: its rule_id or name." }
            .RejectEmpty("a rule_id or name as 'vigil rules status' lists them, or leave --rule out for every rule");
        var severity = new Option<string?>("--severity") { Description = "Only alerts of this severity." };
        severity.AcceptOnlyFromAmong("low", "medium", "high", "critical");
        var status = new Option<string?>("--status") { Description = "Only alerts with this workflow status." };
        status.AcceptOnlyFromAmong("open", "acknowledged", "closed");
        var since = new Option<string?>("--since")
        {
            Description = "Only alerts created at or after this time: ISO 8601 (UTC unless it has an offset) or relative such as now-24h.",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: 'table' (at most 1000 rows) or 'ndjson' (one alert document per line, all alerts).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "ndjson");

        var command = new Command("list", "List stored alerts, oldest first.") { data, rule, severity, status, since, format };
        command.SetAction(parsed => AlertsListRunner.Run(
            parsed.GetValue(data),
            new AlertsListArguments(parsed.GetValue(rule), parsed.GetValue(severity), parsed.GetValue(status), parsed.GetValue(since), parsed.GetValue(format) ?? "table")));
        return command;
    }

    private static Command CreateShow()
    {
        var data = StoreOption.Create();
        var id = new Argument<string>("id")
        {
            Description = "The alert id (kibana.alert.uuid), or a unique prefix of it such as the 12 digits 'vigil alerts list' prints.",
        }.RejectEmpty(AlertIdFix);
        var command = new Command("show", "Print one alert document as JSON.") { id, data };
        command.SetAction(parsed => AlertsShowRunner.Show(parsed.GetValue(data), parsed.GetValue(id)!));
        return command;
    }

    private static Command CreateSetStatus()
    {
        var data = StoreOption.Create();
        var id = new Argument<string>("id") { Description = "The alert id (kibana.alert.uuid), or a unique prefix of it." }
            .RejectEmpty(AlertIdFix);
        var status = new Argument<string>("status") { Description = "The new workflow status: open, acknowledged or closed." };
        status.AcceptOnlyFromAmong("open", "acknowledged", "closed");
        var command = new Command("set-status", "Set an alert's workflow status (kibana.alert.workflow_status).") { id, status, data };
        command.SetAction(parsed => AlertsShowRunner.SetStatus(parsed.GetValue(data), parsed.GetValue(id)!, parsed.GetValue(status)!));
        return command;
    }
}
