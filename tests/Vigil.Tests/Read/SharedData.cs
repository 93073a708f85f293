namespace Vigil.Tests.Read;

/// <summary>Locates the reference material kept next to the repository, outside it.</summary>
internal static class SharedData
{
    /// <summary>Returns the path of <paramref name="relative"/> under the shared folder, or skips the test when it is absent.</summary>
    public static string Require(string relative)
    {
        var root = RepositoryRoot();
        var path = root is null ? null : Path.GetFullPath(Path.Combine(Support.RepoPaths.SharedFolder, relative));
        Assert.SkipUnless(path is not null && (File.Exists(path) || Directory.Exists(path)), $"shared reference data not found: {relative}");
        return path!;
    }

    private static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Vigil.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
