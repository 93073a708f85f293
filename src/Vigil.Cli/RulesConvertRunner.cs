using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Formats;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules convert</c>.</summary>
internal static class RulesConvertRunner
{
    public static int Run(IReadOnlyList<string> paths, string to, string output)
    {
        var rules = RulesShowRunner.Load(paths);
        if (rules is null)
        {
            return RulesExitCodes.RuleErrors;
        }

        try
        {
            return to == "kibana-ndjson" ? WriteNdjson(rules, output) : WriteToml(rules, output);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"failed to write --output {TerminalText.Sanitize(output)}: {TerminalText.Sanitize(e.Message)}; choose a writable path");
            return ExitCodes.Usage;
        }
    }

    private static int WriteNdjson(IReadOnlyList<DetectionRule> rules, string output)
    {
        // "-" is standard output, as for hunt --output and convert --output.
        if (output == "-")
        {
            Console.Out.Write(KibanaNdjson.Write(rules));
            Console.Error.WriteLine($"wrote {RulesText.Count(rules.Count, "rule")} to stdout");
            return ExitCodes.Success;
        }

        if (Directory.Exists(output))
        {
            return Usage($"--output {output} is a folder; --to kibana-ndjson writes one file, so name a file such as {Path.Combine(output, "rules.ndjson")}");
        }

        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } parent && !Directory.Exists(parent))
        {
            return Usage($"--output {output}: the folder {parent} does not exist; create it or name a file in an existing folder");
        }

        File.WriteAllText(output, KibanaNdjson.Write(rules));
        Console.Error.WriteLine($"wrote {RulesText.Count(rules.Count, "rule")} to {TerminalText.Sanitize(output)}");
        return ExitCodes.Success;
    }

    private static int WriteToml(IReadOnlyList<DetectionRule> rules, string output)
    {
        if (output == "-")
        {
            return Usage("--output -: --to toml writes one file per rule into a folder, so name a folder; use --to kibana-ndjson for standard output");
        }

        if (File.Exists(output))
        {
            return Usage($"--output {output} is a file; --to toml writes one file per rule into a folder, so name a folder");
        }

        Directory.CreateDirectory(output);
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rule in rules)
        {
            var name = RulesTomlFileNames.Unique(rule, written);
            File.WriteAllText(Path.Combine(output, name), TomlRuleWriter.Write(rule));
        }

        Console.Error.WriteLine($"wrote {RulesText.Count(rules.Count, "TOML file")} to {TerminalText.Sanitize(output)}");
        return ExitCodes.Success;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine(TerminalText.Sanitize(message));
        return ExitCodes.Usage;
    }
}
