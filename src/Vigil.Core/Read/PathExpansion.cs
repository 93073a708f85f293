namespace Vigil.Read;

internal static class PathExpansion
{
    /// <summary>
    /// Returns the files of <paramref name="paths"/>, keeping each folder that cannot be listed in
    /// the list, so that reading it reports the failure.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths) => Expand(paths, unlistedFolders: null);

    /// <summary>
    /// Returns the files of <paramref name="paths"/> and adds each folder that cannot be listed to
    /// <paramref name="unlistedFolders"/> instead, with the reason, for a caller that reports such a
    /// folder as a path not read rather than as a file.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, List<UnlistedFolder>? unlistedFolders)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                AddDirectory(path, files, seen, unlistedFolders);
            }
            else
            {
                Add(path, files, seen);
            }
        }

        return files;
    }

    /// <summary>Returns why a folder could not be listed, with the fix.</summary>
    public static string NotListedReason(Exception exception) =>
        $"the folder could not be listed ({exception.Message}); check its permissions";

    private static void AddDirectory(string directory, List<string> files, HashSet<string> seen, List<UnlistedFolder>? unlistedFolders)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (unlistedFolders is null)
            {
                // Kept as a path so that reading it reports the failure.
                Add(directory, files, seen);
            }
            else if (seen.Add(Path.GetFullPath(directory)))
            {
                unlistedFolders.Add(new UnlistedFolder(directory, NotListedReason(exception)));
            }

            return;
        }

        Array.Sort(entries, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!Directory.Exists(entry))
            {
                Add(entry, files, seen);
            }
            else if (new DirectoryInfo(entry).LinkTarget is null)
            {
                // Symbolic links to directories are not followed, so a link cycle cannot loop.
                AddDirectory(entry, files, seen, unlistedFolders);
            }
        }
    }

    private static void Add(string path, List<string> files, HashSet<string> seen)
    {
        if (seen.Add(Path.GetFullPath(path)))
        {
            files.Add(path);
        }
    }
}
