using System.CommandLine;
using System.CommandLine.Parsing;
using Vigil.Cli;
using Vigil.Output;

// First, so that a signal during start-up and parsing is held for the command (see EarlySignals).
EarlySignals.Install();
StandardDescriptors.Check();
Console.SetOut(new StandardOutputWriter(StandardDescriptors.OutputClosed ? ClosedStandardOutput() : Console.Out));
Console.SetError(StandardDescriptors.ErrorClosed ? TextWriter.Null : new StandardErrorWriter(Console.Error));

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
var errors = ParseErrorText.Errors(parsed, args);
if (errors.Count > 0 || parsed.Action is System.CommandLine.Help.HelpAction || !EarlySignals.DefersFor(parsed.CommandResult.Command))
{
    EarlySignals.Release();
}

if (errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    // Named like the errors the commands report themselves, such as "vigil hunt: ...".
    var command = CommandPath(parsed.CommandResult);
    foreach (var error in errors)
    {
        Console.Error.WriteLine(TerminalText.Sanitize($"{command}: {error}"));
    }

    Console.Error.WriteLine(UsageError.HelpLine(command));
    return ExitCodes.Usage;
}

// The default handler prints a stack trace for any exception, including a write to a full disk.
try
{
    return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (StandardOutputException exception) when (ClosedPipe.Caused(exception))
{
    // A closed pipe, where the stream reports one (`vigil alerts list | head`): nothing more is wanted.
    return ExitCodes.Success;
}
catch (StandardOutputException exception)
{
    var fix = exception.InnerException?.HResult == StandardDescriptors.BadDescriptorErrno
        ? "Redirect standard output to a file"
        : "Free space or choose another output";
    Console.Error.WriteLine($"{CommandPath(parsed.CommandResult)}: {exception.Message}. {fix}, and run it again.");
    return ExitCodes.OutputFailed;
}
catch (Exception exception)
{
    // A fault no command expected: shown whole, as the default handler would, for a bug report.
    Console.Error.WriteLine($"Unhandled exception: {exception}");
    return 1;
}

// Writes fail at once, as writes to the closed descriptor would, with the error the catch above reports.
static TextWriter ClosedStandardOutput() => new StreamWriter(new UnixStandardOutput()) { AutoFlush = true };

static string CommandPath(CommandResult result) => ParseErrorText.CommandPath(result);
