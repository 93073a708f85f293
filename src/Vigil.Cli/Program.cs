using System.CommandLine;
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
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"vigil: {error.Message}");
    }

    Console.Error.WriteLine("Run 'vigil --help' for usage.");
    return ExitCodes.Usage;
}

return parsed.Invoke();
