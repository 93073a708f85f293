namespace Vigil.Tests.Support;

/// <summary>Locates the repository, its samples and the shared reference data beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples", "cloudtrail");

    public static string Fixtures => Path.Combine(Root, "tests", "Vigil.Tests", "Fixtures");

    /// <summary>
    /// The folder the shared reference data is read from: <c>VIGIL_SHARED</c> when set, so that a
    /// checkout elsewhere can test against it, else <c>../shared</c> beside the repository.
    /// </summary>
    /// <remarks>A relative <c>VIGIL_SHARED</c> is read from the repository's root, not from the test host's folder.</remarks>
    public static string SharedFolder { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable("VIGIL_SHARED") is { Length: > 0 } configured ? configured : Path.Combine("..", "shared"),
        Root);

    /// <summary>The shared reference data, or null when there is none (see <see cref="SharedFolder"/>).</summary>
    public static string? Shared => Directory.Exists(Path.Combine(SharedFolder, "data")) ? SharedFolder : null;

    /// <summary>Returns a path under the shared data, or skips the test when the data is absent.</summary>
    public static string SharedOrSkip(params string[] parts)
    {
        var shared = Shared;
        Assert.SkipWhen(shared is null, $"shared reference data not found in {SharedFolder}; set VIGIL_SHARED to its folder");

        var path = Path.Combine([shared!, .. parts]);
        Assert.SkipUnless(File.Exists(path) || Directory.Exists(path), $"{path} not found");
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Vigil.slnx not found above {AppContext.BaseDirectory}");
    }
}
