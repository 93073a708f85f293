namespace Vigil.Cli;

/// <summary>The size and last write time of a rule file, which tell a scan whether to read it again.</summary>
internal readonly record struct RuleFileStamp(long Length, DateTime LastWriteTimeUtc)
{
    /// <summary>Reads the stamp of <paramref name="file"/>, or an empty stamp when the file is gone.</summary>
    public static RuleFileStamp Read(string file)
    {
        var info = new FileInfo(file);
        return info.Exists ? new RuleFileStamp(info.Length, info.LastWriteTimeUtc) : default;
    }
}
