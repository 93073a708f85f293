namespace Vigil.Cli;

/// <summary>The parsed command line of <c>vigil convert</c>.</summary>
/// <param name="Paths">Input files and directories.</param>
/// <param name="Output">Output file, <c>-</c> or <c>null</c> for stdout.</param>
/// <param name="BulkIndex">The index or data stream of the <c>_bulk</c> create actions, or <c>null</c> for plain NDJSON.</param>
/// <param name="KeepOriginal">Whether documents keep <c>event.original</c>.</param>
/// <param name="PathsAfterDoubleDash">The index of the first path given after <c>--</c>, which is never an option.</param>
internal sealed record ConvertArguments(
    IReadOnlyList<string> Paths,
    string? Output,
    string? BulkIndex,
    bool KeepOriginal,
    int PathsAfterDoubleDash = int.MaxValue)
{
    /// <summary>The data stream Elastic's AWS integration writes CloudTrail documents to.</summary>
    public const string DefaultIndex = "logs-aws.cloudtrail-default";
}
