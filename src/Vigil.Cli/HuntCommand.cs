using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

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
        }.RejectEmpty("a CloudTrail file or a directory of them");
        var rules = new Option<string[]>("--rules", "-r")
        {
            Description = "Rule file or folder (recursive): detection-rules TOML, Kibana NDJSON exports, or a Kibana rule JSON file; "
                + "repeat for more. Default: the built-in AWS STS AssumeRole rule.",
        }.RejectEmpty("a rule file or folder, or leave --rules out to run the built-in rule");
        // No default value, so that the hunt can tell a --format table given with --output - from none.
        var format = new Option<string?>("--format", "-f")
        {
            Description = "Output on stdout: 'table' (alerts for people) or 'ndjson' (one alert document per line). "
                + "Default: table, or ndjson with --output -.",
        };
        format.AcceptOnlyFromAmong(HuntOutputFormat.Table, HuntOutputFormat.Ndjson);
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write alert documents as NDJSON to this file. The table still goes to stdout unless --format is ndjson. "
                + "'-' writes only NDJSON to stdout, so it cannot be combined with --format table.",
        }.RejectEmpty("a file for the NDJSON alerts, or - for standard output");
        var from = new Option<string?>("--from")
        {
            Description = "Only events at or after this time, on each rule's timestamp field: ISO 8601 or now-24h.",
        };
        var to = new Option<string?>("--to")
        {
            Description = "Only events at or before this time, on each rule's timestamp field: ISO 8601 or now-1h. "
                + "A date alone, or a time without seconds, runs to the end of its day, hour or minute.",
        };

        var threads = new Option<int?>("--threads", "-t")
        {
            Description = "Threads that read, map and evaluate records. Output is the same at any count. Default: the processor count.",
            CustomParser = ParseThreadCount,
        };

        // Hidden switches that turn the prefilters off, to compare results and measure what they save.
        var noPrefilter = new Option<bool>("--no-prefilter") { Hidden = true };
        var noRouting = new Option<bool>("--no-routing") { Hidden = true };

        var command = new Command("hunt", "Run detection rules over CloudTrail log files and print the alerts.")
        {
            paths, rules, format, output, from, to, threads, noPrefilter, noRouting,
        };
        command.SetAction(parsed => HuntRunner.Run(new HuntArguments(
            Paths: StandardInputPath.Resolve(parsed.GetValue(paths) ?? []),
            Rules: parsed.GetValue(rules) ?? [],
            Format: parsed.GetValue(format),
            Output: parsed.GetValue(output),
            From: parsed.GetValue(from),
            To: parsed.GetValue(to),
            Threads: parsed.GetValue(threads),
            NoPrefilter: parsed.GetValue(noPrefilter),
            NoRouting: parsed.GetValue(noRouting),
            PathsAfterDoubleDash: EndOfOptions.FirstValueAfter(parsed, paths))));
        return EarlySignals.Defer(command);
    }

    // The parser's default message names the CLR type (System.Nullable`1[System.Int32]), not the fix.
    private static int? ParseThreadCount(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        // A whole number too large for an int is out of range, like 0 or 100000, not malformed. Any
        // other value is quoted, so that a space or an empty value shows.
        var problem = BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? $"{text} is out of range"
            : $"'{text}' is not a whole number";
        result.AddError($"--threads {problem}. Give a number of threads from 1 to {HuntArgumentCheck.MaxThreads}.");
        return null;
    }
}

/// <summary>
/// The parsed command line of <c>vigil hunt</c>. <see cref="Format"/> is null when <c>--format</c>
/// is not given, until <see cref="HuntOutputFormat.Resolve"/> sets it. <see cref="Paths"/> from
/// index <see cref="PathsAfterDoubleDash"/> on were given after <c>--</c>, so none is an option.
/// </summary>
internal sealed record HuntArguments(
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> Rules,
    string? Format,
    string? Output,
    string? From,
    string? To,
    int? Threads = null,
    bool NoPrefilter = false,
    bool NoRouting = false,
    int PathsAfterDoubleDash = int.MaxValue);
