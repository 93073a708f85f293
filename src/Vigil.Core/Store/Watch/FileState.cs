namespace Vigil.Store;

/// <summary>A file's size and last write time at one scan.</summary>
internal sealed record FileState(string Path, long Length, DateTimeOffset LastWrite)
{
    /// <summary>
    /// Returns the state of the file at <paramref name="path"/>, or null when it cannot be read now.
    /// A symbolic link has the state of the file it leads to: the link's own size is the length of
    /// its target's name, and neither its size nor its time changes when the target grows.
    /// </summary>
    public static FileState? TryRead(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                // A link whose target is missing is passed over until the target appears.
                if (info.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo target)
                {
                    return null;
                }

                info = target;
            }

            return info.Exists ? new FileState(path, info.Length, info.LastWriteTimeUtc) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
