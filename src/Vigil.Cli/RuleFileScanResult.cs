using Vigil.Detect.Rules;

namespace Vigil.Cli;

/// <summary>
/// The outcome of one <see cref="RuleFileScan"/>: every rule file in path order, the files read
/// because they are new or changed, the files deleted since the previous scan, and the
/// <c>--rules</c> paths and folders that could not be listed.
/// </summary>
internal sealed record RuleFileScanResult(
    IReadOnlyList<ScannedRuleFile> Files,
    IReadOnlyList<ScannedRuleFile> Read,
    IReadOnlyList<ScannedRuleFile> Removed,
    IReadOnlyList<RuleLoadError> ListingErrors)
{
    public bool Changed => Read.Count > 0 || Removed.Count > 0;
}
