using System.CommandLine;

namespace Vigil.Cli;

/// <summary>Defines <c>vigil convert</c>: its arguments, options and help text.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "CloudTrail files or directories, searched recursively. Every container Vigil reads "
                + "(S3 delivery objects, gzip, arrays, NDJSON, Lake exports, lookup-events output, "
                + "CloudWatch Logs payloads) is detected by content.",
            Arity = ArgumentArity.OneOrMore,
        }.RejectEmpty("a CloudTrail file or a directory of them");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the documents to this file instead of stdout ('-' for stdout).",
        }.RejectEmpty("a file for the documents, or - for standard output");
        var bulk = new Option<string?>("--bulk")
        {
            HelpName = "INDEX",
            Description = "Write an Elasticsearch _bulk request body: a create action for this index or data "
                + $"stream before each document. Without a value: {ConvertArguments.DefaultIndex}. "
                + "Put it after the paths, or write --bulk=INDEX.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var keepOriginal = new Option<bool>("--keep-original")
        {
            Description = "Keep each record's text, as read from the file, in event.original.",
        };

        var command = new Command("convert", "Convert CloudTrail records to the ECS documents Elastic's AWS integration indexes, as NDJSON.")
        {
            paths, output, bulk, keepOriginal,
        };
        command.SetAction(parsed => ConvertRunner.Run(new ConvertArguments(
            Paths: StandardInputPath.Resolve(parsed.GetValue(paths) ?? []),
            Output: parsed.GetValue(output),
            BulkIndex: parsed.GetResult(bulk) is null ? null : parsed.GetValue(bulk) ?? ConvertArguments.DefaultIndex,
            KeepOriginal: parsed.GetValue(keepOriginal),
            PathsAfterDoubleDash: EndOfOptions.FirstValueAfter(parsed, paths))));
        return EarlySignals.Defer(command);
    }
}
