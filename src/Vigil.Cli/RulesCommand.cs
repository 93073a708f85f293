using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Defines <c>vigil rules</c> and its subcommands.</summary>
internal static class RulesCommand
{
    public static Command Create() => new("rules", "Validate, lint, show and convert detection rules, and manage the rules 'vigil serve' schedules.")
    {
        CreateValidate(),
        CreateLint(),
        CreateShow(),
        CreateConvert(),
        CreateTest(),
        RulesStoreCommands.CreateStatus(),
        RulesStoreCommands.CreateRun(),
        RulesStoreCommands.CreateEnable(enable: true),
        RulesStoreCommands.CreateEnable(enable: false),
    };

    private static Argument<string[]> Paths() => new Argument<string[]>("path")
    {
        Description = "Rule files or folders. Folders are searched recursively for detection-rules TOML and Kibana export NDJSON files; Kibana rule JSON and docs-page Markdown files are read when named.",
        Arity = ArgumentArity.OneOrMore,
    }.RejectEmpty("a rule file or a folder of them");

    private static Command CreateValidate()
    {
        var paths = Paths();
        var command = new Command("validate", "Check rule files for errors; exit 1 on any error.") { paths };
        command.SetAction(parsed => RulesValidateRunner.Run(parsed.GetValue(paths) ?? []));
        return command;
    }

    private static Command CreateShow()
    {
        var path = new Argument<string>("rule-file")
        {
            Description = "A rule file: detection-rules TOML, Kibana rule JSON or export NDJSON, or a docs-page Markdown file.",
        }.RejectEmpty("a rule file");
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output: 'toml' (detection-rules), 'kibana' (Kibana rule JSON) or 'markdown' (Elastic's docs-page layout).",
            DefaultValueFactory = _ => "toml",
        };
        format.AcceptOnlyFromAmong("toml", "kibana", "markdown");
        var dsl = new Option<bool>("--dsl")
        {
            Description = "Print the query Kibana's detection engine sends, instead of the rule: bool.filter with the KQL query as Elasticsearch query DSL (typed fields, time zone Zulu) and the enabled filters, bool.must_not with the negated filters. The time range and exception lists are left out.",
        };

        var ruleId = new Option<string>("--rule-id")
        {
            Description = "Print only the rule with this rule_id, for files with several rules (Kibana export NDJSON).",
        }.RejectEmpty("the rule_id of a rule in the file");

        var command = new Command("show", "Print a rule in another format. Several rules print as NDJSON (kibana, --dsl) or as pages separated by --- (markdown); TOML takes one rule.")
        {
            path, format, dsl, ruleId,
        };
        command.SetAction(parsed => RulesShowRunner.Show(parsed.GetValue(path)!, parsed.GetValue(format) ?? "toml", parsed.GetValue(dsl), parsed.GetValue(ruleId)));
        return command;
    }

    private static Command CreateConvert()
    {
        var paths = Paths();
        var to = new Option<string>("--to")
        {
            Description = "Target format: 'toml' (one detection-rules file per rule in the --output folder) or 'kibana-ndjson' (one export file).",
            Required = true,
        };
        to.AcceptOnlyFromAmong("toml", "kibana-ndjson");
        var output = new Option<string>("--output", "-o")
        {
            Description = "The folder (toml) or file (kibana-ndjson) to write; - writes kibana-ndjson to standard output.",
            Required = true,
        }.RejectEmpty("the folder (--to toml) or file (--to kibana-ndjson) to write");

        var command = new Command("convert", "Convert rules between detection-rules TOML and Kibana export NDJSON.") { paths, to, output };
        command.SetAction(parsed => RulesConvertRunner.Run(parsed.GetValue(paths) ?? [], parsed.GetValue(to)!, parsed.GetValue(output)!));
        return command;
    }

    private static Command CreateTest()
    {
        var paths = Paths();
        var command = new Command("test", "Run the test cases stored beside rules (NAME.tests/CASE/ with events and expected.json); exit 1 on a failed case.")
        {
            paths,
        };
        command.SetAction(parsed => RulesTestRunner.Run(parsed.GetValue(paths) ?? []));
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
