using Vigil.Read;

namespace Vigil.Cli;

/// <summary>Checks the CloudTrail input paths of <c>vigil hunt</c>, <c>vigil ingest</c> and <c>vigil convert</c> before anything is read.</summary>
internal static class InputPaths
{
    // hunt and convert read '-' as /dev/stdin (StandardInputPath), so only on Windows do they get here.
    private const string NoStandardInputPath =
        "- names standard input, which Vigil reads as /dev/stdin, and Windows has none. Save the data to a file and give its path.";

    /// <summary>
    /// Finds the first path that is neither a file nor a folder and returns true with its usage
    /// error, or false when all exist. The error names a path behind a folder the user may not
    /// enter as a permission problem, not as a missing path. A missing path that starts with '-' is
    /// an unknown option, which the parser passes on as a path, unless its index is
    /// <paramref name="pathsAfterDoubleDash"/> or more, because it was given after <c>--</c>.
    /// <c>-</c> for standard input gets <paramref name="standardInputError"/>, or the error for Windows.
    /// </summary>
    public static bool TryFindMissing(IReadOnlyList<string> paths, int pathsAfterDoubleDash, out string error, string? standardInputError = null)
    {
        error = "";
        var index = 0;
        while (index < paths.Count && Exists(paths[index]))
        {
            index++;
        }

        if (index == paths.Count)
        {
            return false;
        }

        var missing = paths[index];
        error = missing == StandardInputPath.Dash ? standardInputError ?? NoStandardInputPath
            : missing.StartsWith('-') && index < pathsAfterDoubleDash ? $"unknown option {missing}."
            : InvalidUtf8FileName.Reason(missing) is { } reason ? $"input path {missing}: {reason}."
            : PathAccess.Denied(missing) is { } denied ? $"input path {missing} could not be read ({denied.TrimEnd('.')}); check the permissions of its folders."
            : BrokenLink.MissingTarget(missing) is { } target ? $"input path {missing} is a symbolic link to {target}, which does not exist. Restore the target, or give the path of the file itself."
            : $"input path not found: {missing}. Give a CloudTrail file or a directory of them.";
        return true;
    }

    /// <summary>
    /// Whether <paramref name="path"/> is a file or a folder. A symbolic link counts only when its
    /// final target exists: <see cref="File.Exists"/> is true for a link whose target is gone, and
    /// for a loop of links. A pipe counts too, also one reached through <c>/dev/stdin</c> or
    /// <c>/dev/fd/63</c>, links whose target <c>pipe:[…]</c> is no path.
    /// </summary>
    public static bool Exists(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return false;
        }

        if (RegularFile.IsPipe(path))
        {
            return true;
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            return true;
        }

        try
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            return File.Exists(target) || Directory.Exists(target);
        }
        catch (IOException)
        {
            // A link loop resolves to nothing either.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            // A link the process may not follow: left to the reader, which names the file.
            return true;
        }
    }
}
