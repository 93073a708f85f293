using System.Text.RegularExpressions;

namespace Vigil.Cli;

/// <summary>
/// Finds two <c>vigil kql</c> options that would both read standard input. The first reader of a
/// pipe or terminal takes every byte, so the second would see an empty file.
/// </summary>
internal static partial class KqlStandardInput
{
    // Linux allows 40 links in one path lookup (MAXSYMLINKS), so a longer chain is a loop.
    private const int MaxLinks = 40;

    /// <summary>
    /// Returns the error for the first two of <paramref name="inputs"/> (an option and its path, or a
    /// null path when the option is absent) that both name standard input, or null when at most one does.
    /// </summary>
    public static string? FindConflict(params (string Option, string? Path)[] inputs)
    {
        var readers = inputs
            .Where(input => input.Path is not null && NamesStandardInput(input.Path))
            .Select(input => input.Option)
            .Take(2)
            .ToList();

        return readers.Count == 2 ? $"{readers[0]} and {readers[1]} cannot both read stdin; put one of them in a file" : null;
    }

    /// <summary>
    /// Whether <paramref name="path"/> is <c>-</c>, or is or links to <c>/dev/stdin</c>,
    /// <c>/dev/fd/0</c> or <c>/proc/self/fd/0</c>. Another path to the file that is on stdin is a
    /// separate open of that file, which reads it from the start, so it does not count.
    /// </summary>
    internal static bool NamesStandardInput(string path)
    {
        if (path == KqlJsonFile.StandardInput)
        {
            return true;
        }

        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        // Each link is followed one step at a time, because following the whole chain would end at
        // the file on stdin and lose the name that shows the path reads descriptor 0.
        var current = Path.GetFullPath(path);
        for (var links = 0; links <= MaxLinks; links++)
        {
            if (RealFolderOf(current) is not { } folder)
            {
                return false;
            }

            current = Path.Join(folder, Path.GetFileName(current));
            if (IsStandardInputName(current))
            {
                return true;
            }

            if (LinkTarget(current) is not { } target)
            {
                return false;
            }

            current = Path.GetFullPath(target, folder);
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="path"/>, with no link left in its folders, names descriptor 0:
    /// <c>/dev/stdin</c>, or <c>fd/0</c> of this process or of one of its threads under <c>/proc</c>.
    /// </summary>
    private static bool IsStandardInputName(string path)
    {
        if (path == "/dev/stdin")
        {
            return true;
        }

        var match = ProcDescriptorZero().Match(path);
        return match.Success && match.Groups["process"].Value == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Returns the folder of the absolute <paramref name="path"/> with every link in it followed, as
    /// <c>/dev/fd</c> becomes <c>/proc/1234/fd</c>, or null when a link cannot be read or loops.
    /// </summary>
    private static string? RealFolderOf(string path)
    {
        var pending = new Stack<string>(Components(Path.GetDirectoryName(path) ?? "/").Reverse());
        var folder = "/";
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part == "..")
            {
                folder = Path.GetDirectoryName(folder) ?? "/";
                continue;
            }

            var next = Path.Join(folder, part);
            if (LinkTarget(next) is not { } target)
            {
                folder = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            // The target's parts replace the link's, so a relative target starts from the link's folder.
            if (Path.IsPathRooted(target))
            {
                folder = "/";
            }

            foreach (var targetPart in Components(target).Reverse())
            {
                pending.Push(targetPart);
            }
        }

        return folder;
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".");

    /// <summary>Returns the target of the link at <paramref name="path"/>, or null when it is no link or cannot be read.</summary>
    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^/proc/(?<process>\d+)(/task/\d+)?/fd/0$", RegexOptions.CultureInvariant)]
    private static partial Regex ProcDescriptorZero();
}
