namespace Vigil.Cli;

/// <summary>The folders of <c>vigil serve --watch</c>, each once, as full paths without a trailing separator.</summary>
internal static class WatchFolders
{
    /// <summary>
    /// Returns the distinct folders of <paramref name="given"/> in their first order, and each
    /// folder given more than once with its count. <c>logs</c>, <c>./logs</c> and <c>logs/</c> name one folder.
    /// </summary>
    public static (List<string> Folders, List<(string Folder, int Count)> Repeated) Distinct(IEnumerable<string> given)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var folders = new List<string>();
        foreach (var folder in given.Select(Normalize))
        {
            if (counts.TryAdd(folder, 1))
            {
                folders.Add(folder);
                continue;
            }

            counts[folder]++;
        }

        var repeated = folders.Where(folder => counts[folder] > 1).Select(folder => (folder, counts[folder])).ToList();
        return (folders, repeated);
    }

    private static string Normalize(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
}
