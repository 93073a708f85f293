using Vigil.Read;

namespace Vigil.Cli;

/// <summary>
/// Finds two <c>vigil kql</c> options that would both read standard input. The first reader of a
/// pipe or terminal takes every byte, so the second would see an empty file.
/// </summary>
internal static class KqlStandardInput
{
    /// <summary>
    /// Returns the error for the first two of <paramref name="inputs"/> (an option and its path, or a
    /// null path when the option is absent) that both name standard input, or null when at most one does.
    /// </summary>
    public static string? FindConflict(params (string Option, string? Path)[] inputs)
    {
        var standardInput = FileIdentity.OfStandardInput();
        var readers = inputs
            .Where(input => input.Path is not null && NamesStandardInput(input.Path, standardInput))
            .Select(input => input.Option)
            .Take(2)
            .ToList();

        return readers.Count == 2 ? $"{readers[0]} and {readers[1]} cannot both read stdin; put one of them in a file" : null;
    }

    /// <summary>
    /// Whether <paramref name="path"/> is <c>-</c> or reaches the file open as standard input, as
    /// <c>/dev/stdin</c>, <c>/dev/fd/0</c> and <c>/proc/self/fd/0</c> do.
    /// </summary>
    private static bool NamesStandardInput(string path, FileIdentity? standardInput)
    {
        if (path == KqlJsonFile.StandardInput)
        {
            return true;
        }

        // NOTE: with stdin redirected from a regular file, that file's own path counts as stdin too, so
        // `--doc - --mapping m.json < m.json` is rejected although both reads would succeed.
        return standardInput is { } identity && FileIdentity.OfPath(path) == identity;
    }
}
