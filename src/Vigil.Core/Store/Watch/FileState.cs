namespace Vigil.Store;

/// <summary>A file's size and last write time at one scan.</summary>
internal sealed record FileState(string Path, long Length, DateTimeOffset LastWrite)
{
    public static FileState? TryRead(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileState(path, info.Length, info.LastWriteTimeUtc) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
