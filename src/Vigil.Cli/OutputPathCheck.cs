namespace Vigil.Cli;

/// <summary>
/// The checks of an <c>--output</c> file: it is not a folder, and not one of the input files,
/// because opening it for writing would erase it.
/// </summary>
internal static class OutputPathCheck
{
    private const string StandardStream = "-";

    /// <summary>Returns whether <paramref name="output"/> names the same file as one of the input <paramref name="paths"/>.</summary>
    public static bool IsInputFile(string? output, IReadOnlyList<string> paths)
    {
        if (output is null or StandardStream)
        {
            return false;
        }

        var target = Path.GetFullPath(output);
        return paths.Any(path => File.Exists(path) && string.Equals(Path.GetFullPath(path), target, StringComparison.Ordinal));
    }

    /// <summary>Returns the usage error for an <c>--output</c> that names a folder, or null.</summary>
    public static string? FolderError(string? output) =>
        output is not (null or StandardStream) && Directory.Exists(output)
            ? $"--output {output} is a folder; give a file path, such as {Path.Combine(output, "out.ndjson")}."
            : null;

    /// <summary>Builds the usage error for an output file that is also an input.</summary>
    public static string Error(string output) =>
        $"--output {output} is also an input file, and writing to it would erase it before it is read. Choose another output file.";
}
