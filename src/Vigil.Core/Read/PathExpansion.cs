namespace Vigil.Read;

internal static class PathExpansion
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                AddDirectory(path, files, seen);
            }
            else
            {
                Add(path, files, seen);
            }
        }

        return files;
    }

    private static void AddDirectory(string directory, List<string> files, HashSet<string> seen)
    {
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Kept as a path so that reading it reports the failure.
            Add(directory, files, seen);
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
                AddDirectory(entry, files, seen);
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
