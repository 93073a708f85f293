using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Defines <c>vigil serve</c>: its options and help text.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = StoreOption.CreateForWriting();
        var watch = new Option<string[]>("--watch", "-w")
        {
            Description = "Folder to watch for CloudTrail files, searched recursively; a new or grown file is ingested once. Repeat for several folders.",
            AllowMultipleArgumentsPerToken = true,
        }.RejectEmpty("a folder to watch");
        var rules = new Option<string[]>("--rules", "-r")
        {
            Description = "Detection-rules TOML file or folder to schedule; repeat for several. Defaults to the built-in rules.",
            AllowMultipleArgumentsPerToken = true,
        }.RejectEmpty("a rule file or folder, or leave --rules out to run the built-in rules");
        var retention = new Option<string>("--retention")
        {
            Description = "Delete stored events whose event.ingested is older than this: a number and s, m, h, d or w. Alerts are kept.",
            DefaultValueFactory = _ => "30d",
        };
        var poll = new Option<string>("--poll")
        {
            Description = "Time between two scans of the watched folders, and the longest the scheduler sleeps: a number and ms, s, m or h, from 100ms to 1193h.",
            DefaultValueFactory = _ => "5s",
        };

        var command = new Command("serve", "Ingest watched folders and run the rules on their schedule until stopped with Ctrl-C or SIGTERM. Binds no network port.")
        {
            data, watch, rules, retention, poll,
        };
        command.SetAction(parsed => ServeRunner.Run(
            new ServeArguments(
                parsed.GetValue(data),
                parsed.GetValue(watch) ?? [],
                parsed.GetValue(rules) ?? [],
                parsed.GetValue(retention) ?? "30d",
                parsed.GetValue(poll) ?? "5s")));
        return EarlySignals.Defer(command);
    }
}
