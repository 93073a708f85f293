using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Defines <c>vigil hunt</c>: its arguments, options and help text.</summary>
internal static class HuntCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "CloudTrail files or directories, searched recursively. Reads S3 delivery objects "
                + "({\"Records\":[...]}), gzip, JSON arrays and NDJSON, detected by content.",
            Arity = ArgumentArity.OneOrMore,
        };
        var rules = new Option<string[]>("--rules", "-r")
        {
            Description = "Detection-rules TOML file or folder (recursive); repeat for more. "
                + "Default: the built-in AWS STS AssumeRole rule.",
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output on stdout: 'table' (alerts for people) or 'ndjson' (one alert document per line).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "ndjson");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write alert documents as NDJSON to this file ('-' for stdout) as well as the chosen format.",
        };
        var from = new Option<string?>("--from")
        {
            Description = "Only events at or after this time, on each rule's timestamp field: ISO 8601 or now-24h.",
        };
        var to = new Option<string?>("--to")
        {
            Description = "Only events at or before this time, on each rule's timestamp field: ISO 8601 or now-1h.",
        };

        var threads = new Option<int?>("--threads", "-t")
        {
            Description = "Threads that read, map and evaluate records. Output is the same at any count. Default: the processor count.",
        };

        // Hidden switches that turn the prefilters off, to compare results and measure what they save.
        var noPrefilter = new Option<bool>("--no-prefilter") { Hidden = true };
        var noRouting = new Option<bool>("--no-routing") { Hidden = true };

        var command = new Command("hunt", "Run detection rules over CloudTrail log files and print the alerts.")
        {
            paths, rules, format, output, from, to, threads, noPrefilter, noRouting,
        };
        command.SetAction(parsed => HuntRunner.Run(new HuntArguments(
            Paths: parsed.GetValue(paths) ?? [],
            Rules: parsed.GetValue(rules) ?? [],
            Format: parsed.GetValue(format) ?? "table",
            Output: parsed.GetValue(output),
            From: parsed.GetValue(from),
            To: parsed.GetValue(to),
            Threads: parsed.GetValue(threads),
            NoPrefilter: parsed.GetValue(noPrefilter),
            NoRouting: parsed.GetValue(noRouting))));
        return command;
    }
}

/// <summary>The parsed command line of <c>vigil hunt</c>.</summary>
internal sealed record HuntArguments(
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> Rules,
    string Format,
    string? Output,
    string? From,
    string? To,
    int? Threads = null,
    bool NoPrefilter = false,
    bool NoRouting = false);
