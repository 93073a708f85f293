namespace Vigil.Benchmarks;

/// <summary>
/// Finds the reference data: the folder named by the <c>VIGIL_SHARED</c> environment variable, or else
/// <c>../shared</c> from the folder holding Vigil.slnx.
/// </summary>
internal static class RepositoryRoot
{
    public static string Shared
    {
        get
        {
            if (Environment.GetEnvironmentVariable("VIGIL_SHARED") is { Length: > 0 } configured)
            {
                return Path.GetFullPath(configured);
            }

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
