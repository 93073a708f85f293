using Vigil.Detect.Rules;

namespace Vigil.Cli;

/// <summary>
/// Wording of <c>rules validate</c> and <c>rules lint</c> for the rule paths that gave no rule file:
/// folders that could not be listed and paths that could not be read. They are not files, so the
/// summaries count them apart from the files read and from the errors in files.
/// </summary>
internal static class RulePathsNotRead
{
    /// <summary>Returns whether <paramref name="error"/> is about a rule file that was read, or a rule in it.</summary>
    public static bool IsFileError(RuleLoadError error) => !error.IsFolder && !error.IsMissingPath;

    /// <summary>
    /// Returns <c>, 1 folder could not be listed, 2 paths could not be read</c>, leaving out each
    /// count that is 0, or an empty string when every path was read.
    /// </summary>
    public static string Counts(IReadOnlyList<RuleLoadError> errors)
    {
        var folders = errors.Count(error => error.IsFolder);
        var paths = errors.Count(error => error.IsMissingPath);
        var notListed = folders > 0 ? $", {RulesText.Count(folders, "folder")} could not be listed" : "";
        var notRead = paths > 0 ? $", {RulesText.Count(paths, "path")} could not be read" : "";
        return notListed + notRead;
    }
}
