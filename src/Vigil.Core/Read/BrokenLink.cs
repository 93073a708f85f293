namespace Vigil.Read;

/// <summary>Finds a symbolic link whose target is missing, which .NET reports as a file that exists but cannot be found.</summary>
internal static class BrokenLink
{
    /// <summary>
    /// Returns the full path of the missing target at the end of the chain of links at
    /// <paramref name="path"/>, or null for a path that is no link or whose final target exists.
    /// </summary>
    public static string? MissingTarget(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is null)
            {
                return null;
            }

            var final = info.ResolveLinkTarget(returnFinalTarget: true);
            if (final is null || File.Exists(final.FullName) || Directory.Exists(final.FullName))
            {
                return null;
            }

            return final.FullName;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A loop of links, or one the user may not follow: the caller's own message names it.
            return null;
        }
    }
}
