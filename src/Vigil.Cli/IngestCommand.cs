using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Defines <c>vigil ingest</c>: its arguments, options and help text.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "CloudTrail files or directories, searched recursively; every format 'vigil hunt' reads.",
            Arity = ArgumentArity.OneOrMore,
        }.RejectEmpty("a CloudTrail file or a directory of them");
        var data = StoreOption.CreateForWriting();
        var retention = new Option<string>("--retention")
        {
            Description = "Delete stored events whose event.ingested is older than this after the ingest: a number and s, m, h, d or w.",
            DefaultValueFactory = _ => "30d",
        };

        var command = new Command("ingest", "Store CloudTrail files in the data directory, each record once; an interrupted ingest resumes where it stopped.")
        {
            paths, data, retention,
        };
        command.SetAction(parsed => IngestRunner.Run(
            parsed.GetValue(paths) ?? [],
            parsed.GetValue(data),
            parsed.GetValue(retention) ?? "30d",
            EndOfOptions.FirstValueAfter(parsed, paths)));
        return EarlySignals.Defer(command);
    }
}
