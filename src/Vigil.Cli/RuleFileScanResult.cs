using Vigil.Detect.Rules;

namespace Vigil.Cli;

/// <summary>
/// The outcome of one <see cref="RuleFileScan"/>: every rule file in path order, the files read
/// because they are new or changed, the files deleted since the previous scan, the <c>--rules</c>
/// paths and folders that could not be listed, and the named pipes, sockets and devices skipped in
/// the folders.
/// </summary>
internal sealed record RuleFileScanResult(
    IReadOnlyList<ScannedRuleFile> Files,
    IReadOnlyList<ScannedRuleFile> Read,
    IReadOnlyList<ScannedRuleFile> Removed,
    IReadOnlyList<RuleLoadError> ListingErrors,
    IReadOnlyList<RuleWarning> Skipped)
{
    public bool Changed => Read.Count > 0 || Removed.Count > 0;
}
