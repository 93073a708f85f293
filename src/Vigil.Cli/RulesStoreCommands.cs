using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Defines the <c>vigil rules</c> subcommands that read and change the scheduler's state in the store.</summary>
internal static class RulesStoreCommands
{
    public static Command CreateStatus()
    {
        var data = StoreOption.Create();
        var command = new Command("status", "Show each registered rule: enabled, last run, status, next run, alerts, and the time ranges it has not covered and why.")
        {
            data,
        };
        command.SetAction(parsed => RulesStatusRunner.Run(parsed.GetValue(data)));
        return command;
    }

    public static Command CreateRun()
    {
        var data = StoreOption.Create();
        var rule = RuleArgument();
        var from = new Option<string>("--from")
        {
            Description = "Start of the range, inclusive: ISO 8601 (UTC unless it has an offset) or relative such as now-3h.",
            Required = true,
        };
        var to = new Option<string>("--to")
        {
            Description = "End of the range, inclusive: ISO 8601 or relative such as now. "
                + "A date alone, or a time without seconds, runs to the end of its day, hour or minute.",
            Required = true,
        };
        var replace = ReplaceOption();
        var command = new Command("run", "Run one rule now over a past range in interval-sized chunks, like Kibana's manual run; the rule need not be enabled.")
        {
            rule, from, to, replace, data,
        };
        command.SetAction(parsed => RulesRunRunner.Run(parsed.GetValue(data), parsed.GetValue(rule)!, parsed.GetValue(replace), parsed.GetValue(from)!, parsed.GetValue(to)!));
        return EarlySignals.Defer(command);
    }

    public static Command CreateEnable(bool enable)
    {
        var data = StoreOption.Create();
        var rule = RuleArgument();
        var replace = ReplaceOption();
        var command = enable
            ? new Command("enable", "Schedule a registered rule again; it starts afresh, and the time it was disabled stays uncovered.") { rule, replace, data }
            : new Command("disable", "Stop scheduling a registered rule; its state, ledger and alerts are kept.") { rule, replace, data };
        command.SetAction(parsed => RulesEnableRunner.Run(parsed.GetValue(data), parsed.GetValue(rule)!, parsed.GetValue(replace), enable));
        return command;
    }

    private static Argument<string> RuleArgument() => new Argument<string>("rule")
    {
        Description = "The rule: its rule_id, its name, or a rule file (which is registered first).",
    }.RejectEmpty("a rule_id or name as 'vigil rules status' lists them, or a rule file");

    private static Option<bool> ReplaceOption() => new("--replace")
    {
        Description = "Register the rule file even when the registered revision of its rule_id is newer, or when version and update date do not decide which is newer. Only with a rule file.",
    };
}
