using System.CommandLine;
using System.CommandLine.Parsing;
using Vigil.Cli;

var root = new RootCommand("Vigil runs Elastic Security detection rules over AWS CloudTrail logs, without Kibana.")
{
    HuntCommand.Create(),
    KqlCommand.Create(),
    RulesCommand.Create(),
    ConvertCommand.Create(),
    IngestCommand.Create(),
    ServeCommand.Create(),
    AlertsCommand.Create(),
};

// Response files (@file) are off because KQL queries start with @timestamp and are passed as arguments.
var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    // Named like the errors the commands report themselves, such as "vigil hunt: ...".
    var command = CommandPath(parsed.CommandResult);
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"{command}: {error.Message}");
    }

    Console.Error.WriteLine($"Run '{command} --help' for usage.");
    return ExitCodes.Usage;
}

return parsed.Invoke();

static string CommandPath(CommandResult result) =>
    result.Parent is CommandResult parent ? $"{CommandPath(parent)} {result.Command.Name}" : "vigil";
