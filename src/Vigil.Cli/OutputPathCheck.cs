using Vigil.Read;

namespace Vigil.Cli;

/// <summary>
/// The checks of an <c>--output</c> file: it is not a folder, and not one of the input files,
/// because opening it for writing would erase it.
/// </summary>
internal static class OutputPathCheck
{
    private const string StandardStream = "-";

    /// <summary>
    /// Returns the first usage error of <see cref="InputError"/>, <see cref="SameAsStandardOutputError"/>
    /// and, when <paramref name="writesStandardOutput"/>, <see cref="StandardOutputError"/>, or null.
    /// </summary>
    public static string? Error(string command, string? output, bool writesStandardOutput, IReadOnlyList<string> paths, IReadOnlyList<string> files) =>
        InputError(output, paths, files)
        ?? SameAsStandardOutputError(output)
        ?? (writesStandardOutput ? StandardOutputError(command, paths, files) : null);

    /// <summary>
    /// Returns the usage error for an existing <paramref name="output"/> that is one of the input
    /// <paramref name="files"/>, found by <see cref="PathExpansion"/> from <paramref name="paths"/>,
    /// or null. Device and inode numbers are compared, so a symbolic or hard link to an input, or a
    /// path through a linked folder, is caught too. Where they cannot be read (on Windows), the full
    /// paths are compared.
    /// </summary>
    public static string? InputError(string? output, IReadOnlyList<string> paths, IReadOnlyList<string> files)
    {
        // A file that does not exist yet is no input, and a new file is created after the inputs were listed.
        if (output is null or StandardStream || !File.Exists(output))
        {
            return null;
        }

        var target = FileIdentity.OfPath(output);
        var targetPath = Path.GetFullPath(output);
        foreach (var file in files)
        {
            var same = target is { } identity && FileIdentity.OfPath(file) is { } fileIdentity
                ? identity == fileIdentity
                : string.Equals(Path.GetFullPath(file), targetPath, StringComparison.Ordinal);
            if (same)
            {
                return Error(output, file, paths);
            }
        }

        return null;
    }

    /// <summary>
    /// Returns the usage error when standard output is one of the input <paramref name="files"/>,
    /// as after <c>&gt;&gt; input.json</c>, or null. The command would read the lines it appends.
    /// Only standard output that is a regular file is compared, so a pipe or a terminal costs no
    /// look-up per input file.
    /// </summary>
    public static string? StandardOutputError(string command, IReadOnlyList<string> paths, IReadOnlyList<string> files)
    {
        if (FileIdentity.OfStandardOutputFile() is not { } output)
        {
            return null;
        }

        var input = files.FirstOrDefault(file => FileIdentity.OfPath(file) == output);
        if (input is null)
        {
            return null;
        }

        var folder = InputFolder(input, paths);
        var where = folder is null ? "" : $", in the input folder {folder}";
        return $"standard output is the input file {input}{where}, so {command} would read what it writes there. "
            + EmptiedNote(input)
            + "Redirect standard output to a file outside the inputs.";
    }

    // A redirection with > has emptied the log before the command started, but >> keeps its bytes,
    // so the message mentions emptying only when the file is empty now.
    private static string EmptiedNote(string input) =>
        new FileInfo(input) is { Exists: true, Length: 0 }
            ? "The file is now empty, as a redirection with > empties it before the command starts. "
            : "";

    /// <summary>
    /// Returns the usage error for an existing <paramref name="output"/> that is also where standard
    /// output goes (<c>--output f &gt; f</c>), or null. Two writers at their own offsets in one file
    /// overwrite each other's lines.
    /// </summary>
    public static string? SameAsStandardOutputError(string? output)
    {
        if (output is null or StandardStream || !File.Exists(output))
        {
            return null;
        }

        return FileIdentity.OfStandardOutputFile() is { } standardOutput && FileIdentity.OfPath(output) == standardOutput
            ? $"--output {output} is also where standard output goes, and the two writers would overwrite each other's lines. "
                + "Use --output - to write the NDJSON to standard output, or redirect standard output to another file."
            : null;
    }

    /// <summary>Returns the usage error for an <c>--output</c> that names a folder, or null.</summary>
    public static string? FolderError(string? output) =>
        output is not (null or StandardStream) && Directory.Exists(output)
            ? $"--output {output} is a folder; give a file path, such as {Path.Combine(output, "out.ndjson")}."
            : null;

    // Names the input as listed, and the input folder it was found in, because through a link it
    // may have another name than the output.
    private static string Error(string output, string input, IReadOnlyList<string> paths)
    {
        var folder = InputFolder(input, paths);
        var source = folder is not null ? $" ({input}, in the input folder {folder})"
            : input != output ? $" ({input})"
            : "";
        return $"--output {output} is also an input file{source}, and writing to it would erase it before it is read. "
            + "Choose an output file that is neither an input file nor inside an input folder.";
    }

    private static string? InputFolder(string input, IReadOnlyList<string> paths) =>
        paths.FirstOrDefault(path => path != input && Directory.Exists(path) && input.StartsWith(path, StringComparison.Ordinal));
}
