namespace Vigil.Detect.Rules;

/// <summary>Expands the paths given to the loader into the rule files to read.</summary>
internal static class RuleFiles
{
    private const string Extension = ".toml";

    /// <summary>Kibana <c>_export</c> files, also found in folders.</summary>
    private const string ExportExtension = ".ndjson";

    /// <summary>
    /// Returns the distinct <c>*.toml</c> and <c>*.ndjson</c> files named by <paramref name="paths"/> (files as given,
    /// folders searched recursively) in ordinal order, adding an error for each path that does not exist.
    /// </summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> paths, List<RuleLoadError> errors)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.UnionWith(Directory.EnumerateFiles(path, "*" + Extension, SearchOption.AllDirectories).Where(IsRuleFile));
                files.UnionWith(Directory.EnumerateFiles(path, "*" + ExportExtension, SearchOption.AllDirectories).Where(IsRuleFile));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                errors.Add(new RuleLoadError(path, null, null, "rule path not found: pass an existing .toml, .ndjson or .json rule file or a folder of them"));
            }
        }

        return files.ToList();
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

    /// <summary>True for Kibana rule JSON: an <c>_export</c> file or a single rule object.</summary>
    public static bool IsKibanaJson(string file) =>
        file.EndsWith(ExportExtension, StringComparison.OrdinalIgnoreCase) || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
}
