namespace Vigil.Benchmarks;

/// <summary>Finds the folder holding Vigil.slnx, from which the reference data sits at <c>../shared</c>.</summary>
internal static class RepositoryRoot
{
    public static string Shared
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                }
            }

            throw new DirectoryNotFoundException($"No Vigil.slnx above {AppContext.BaseDirectory}; run the benchmarks from the repository.");
        }
    }
}
