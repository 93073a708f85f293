namespace Vigil.Detect.Rules;

/// <summary>Expands the paths given to the loader into the rule files to read.</summary>
internal static class RuleFiles
{
    private const string Extension = ".toml";

    /// <summary>Kibana <c>_export</c> files, also found in folders.</summary>
    private const string ExportExtension = ".ndjson";

    /// <summary>Why a named pipe, socket or device found in a rule folder is skipped.</summary>
    internal const string NotRegularProblem = "not a regular file: a named pipe, socket or device in a rule folder is skipped, because reading it may block or never end";

    /// <summary>How to have the rules of a skipped named pipe, socket or device read.</summary>
    internal const string NotRegularFix = "copy its rules to a regular file, or name it on the command line to read it";

    /// <summary>
    /// Returns the distinct <c>*.toml</c> and <c>*.ndjson</c> files named by <paramref name="paths"/> (files as given,
    /// folders searched recursively) in ordinal order, adding an error for each path that does not exist
    /// and a warning for each file in a folder that is not a regular file.
    /// </summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths, List<RuleLoadError> errors, List<RuleWarning> warnings)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                AddFolder(path, files, errors, warnings);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                errors.Add(new RuleLoadError(path, null, null, MissingReason(path)) { IsMissingPath = true });
            }
        }

        // One file named twice (rules and ./rules/) is one rule file, not two rules with one rule_id.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. files.Where(file => seen.Add(Path.GetFullPath(file)))];
    }

    /// <summary>Explains a path that is neither a file nor a folder: missing, or behind a folder that cannot be entered.</summary>
    private static string MissingReason(string path) => Read.PathAccess.Denied(path) is { } denied
        ? $"the rule path could not be read ({denied}); check the permissions of its folders"
        : "rule path not found: pass an existing .toml, .ndjson or .json rule file or a folder of them";

    /// <summary>
    /// Adds the rule files under <paramref name="folder"/>, and an error for each folder in it that
    /// cannot be listed, so the other folders are still read. A named pipe, socket or device with a
    /// rule file's name gets a warning in place of being read, because opening it may block.
    /// </summary>
    private static void AddFolder(string folder, SortedSet<string> files, List<RuleLoadError> errors, List<RuleWarning> warnings)
    {
        var pending = new Stack<string>([folder]);
        var linkTargets = new HashSet<string>(StringComparer.Ordinal) { Path.GetFullPath(folder) };
        while (pending.TryPop(out var current))
        {
            string[] entries;
            try
            {
                entries = Directory.GetFileSystemEntries(current);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                errors.Add(new RuleLoadError(current, null, null, Read.PathExpansion.NotListedReason(exception)) { IsFolder = true });
                continue;
            }

            foreach (var entry in entries)
            {
                if (!Directory.Exists(entry))
                {
                    if ((entry.EndsWith(Extension, StringComparison.Ordinal) || entry.EndsWith(ExportExtension, StringComparison.Ordinal)) && IsRuleFile(entry))
                    {
                        AddRegular(entry, files, warnings);
                    }
                }
                else if (FollowsOnce(entry, linkTargets))
                {
                    pending.Push(entry);
                }
            }
        }
    }

    private static void AddRegular(string file, SortedSet<string> files, List<RuleWarning> warnings)
    {
        if (Read.RegularFile.IsRegularOrUnknown(file))
        {
            files.Add(file);
            return;
        }

        warnings.Add(new RuleWarning(file, null, null, $"{NotRegularProblem}; {NotRegularFix}") { IsSkippedFile = true });
    }

    /// <summary>
    /// Returns whether to search a subfolder: always a plain one, and a symbolic link to a folder the
    /// first time its target is met, so rules kept behind links are found and a link cycle ends.
    /// </summary>
    private static bool FollowsOnce(string folder, HashSet<string> linkTargets)
    {
        var info = new DirectoryInfo(folder);
        if (info.LinkTarget is null)
        {
            return true;
        }

        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true) is { } target && linkTargets.Add(Path.GetFullPath(target.FullName));
        }
        catch (IOException)
        {
            // A link loop that the system itself rejects.
            return false;
        }
    }

    /// <summary>
    /// False for files under a rule's test-case folder (<c>NAME.tests/</c>), whose NDJSON files are
    /// CloudTrail events, not rules.
    /// </summary>
    private static bool IsRuleFile(string file) =>
        !file.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .Any(part => part.EndsWith(Testing.RuleTestRunner.TestsFolderSuffix, StringComparison.Ordinal));

    /// <summary>True for a page in the layout of Elastic's rule documentation.</summary>
    public static bool IsDocsPage(string file) => file.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a detection-rules TOML file: the loader reads every file that is neither a docs page nor Kibana JSON as TOML.</summary>
    public static bool IsToml(string file) => !IsDocsPage(file) && !IsKibanaJson(file);

    /// <summary>True for Kibana rule JSON: an <c>_export</c> file or a single rule object.</summary>
    public static bool IsKibanaJson(string file) =>
        file.EndsWith(ExportExtension, StringComparison.OrdinalIgnoreCase) || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
