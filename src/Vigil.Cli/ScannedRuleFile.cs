using Vigil.Detect.Rules;

namespace Vigil.Cli;

/// <summary>One rule file as a scan last read it.</summary>
/// <param name="Path">The file's full path.</param>
/// <param name="Stamp">The file's size and write time, taken before it was read.</param>
/// <param name="Loaded">The rules and load errors of the file.</param>
/// <param name="IsNew">Whether the file was not there at the previous scan.</param>
internal sealed record ScannedRuleFile(string Path, RuleFileStamp Stamp, RuleLoadResult Loaded, bool IsNew);
