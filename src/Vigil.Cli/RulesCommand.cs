using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Defines <c>vigil rules</c> and its subcommands.</summary>
internal static class RulesCommand
{
    public static Command Create() => new("rules", "Validate, lint, show and convert detection rules.")
    {
        CreateValidate(),
        CreateLint(),
    };

    private static Argument<string[]> Paths() => new("path")
    {
        Description = "Rule files or folders, searched recursively for detection-rules TOML files.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Command CreateValidate()
    {
        var paths = Paths();
        var command = new Command("validate", "Check rule files for errors; exit 1 on any error.") { paths };
        command.SetAction(parsed => RulesValidateRunner.Run(parsed.GetValue(paths) ?? []));
        return command;
    }

    private static Command CreateLint()
    {
        var paths = Paths();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: 'text', 'json' or 'sarif' (SARIF 2.1.0).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif");

        var command = new Command("lint", "Report rules that can never match real CloudTrail data; exit 1 on an error-level finding.")
        {
            paths, format,
        };
        command.SetAction(parsed => RulesLintRunner.Run(parsed.GetValue(paths) ?? [], parsed.GetValue(format) ?? "text"));
        return command;
    }
}
