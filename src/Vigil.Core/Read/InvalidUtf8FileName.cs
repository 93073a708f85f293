namespace Vigil.Read;

/// <summary>
/// Recognises a path that .NET cannot open because a name in it is not valid UTF-8.
/// </summary>
/// <remarks>
/// Linux allows any bytes except <c>/</c> and NUL in a name. .NET decodes the names it lists as
/// UTF-8, with U+FFFD in place of each invalid sequence, and encodes a path as UTF-8 to open it.
/// A file named <c>\xff.json</c> is therefore listed as <c>\uFFFD.json</c> and then not found under
/// that name, and a folder with such a name cannot be listed. .NET 10 has no API that opens a file by
/// the bytes of its name, so such a file is reported with the fix (a rename) instead of as missing.
/// </remarks>
internal static class InvalidUtf8FileName
{
    private const char ReplacementCharacter = '\uFFFD';

    /// <summary>
    /// Returns why <paramref name="path"/> cannot be opened when a name in it is not valid UTF-8, with
    /// the fix, or <c>null</c> when that is not the case.
    /// </summary>
    public static string? Reason(string path)
    {
        ArgumentNullException.ThrowIfNull(path);

        if (FindUndecodableEntry(path) is not { } entry)
        {
            return null;
        }

        var name = Path.GetFileName(entry);
        return $"the name \"{name}\" in {Path.GetDirectoryName(entry)} is not valid UTF-8 (\uFFFD stands for the invalid bytes; 'ls -b' shows them), "
            + "and .NET opens only names that are valid UTF-8, so Vigil cannot read it; rename it to a UTF-8 name";
    }

    /// <summary>
    /// Returns the full path of the first entry on <paramref name="path"/> that does not exist by its
    /// name although its folder lists it under that name, which happens only when the name's bytes
    /// are not valid UTF-8. Returns <c>null</c> for any other path.
    /// </summary>
    private static string? FindUndecodableEntry(string path)
    {
        // Only a decoded name can contain U+FFFD without being found, so other paths cost nothing more.
        if (!path.Contains(ReplacementCharacter, StringComparison.Ordinal) || File.Exists(path) || Directory.Exists(path))
        {
            return null;
        }

        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return null;
        }

        // The deepest folder that exists, and the entry below it on the path.
        var entry = Path.TrimEndingDirectorySeparator(full);
        var folder = Path.GetDirectoryName(entry);
        while (folder is not null && !Directory.Exists(folder))
        {
            entry = folder;
            folder = Path.GetDirectoryName(folder);
        }

        if (folder is null || !Path.GetFileName(entry).Contains(ReplacementCharacter, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return Directory.EnumerateFileSystemEntries(folder).Contains(entry, StringComparer.Ordinal) ? entry : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
