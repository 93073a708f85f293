namespace Vigil.Cli;

/// <summary>
/// The <c>-</c> path of <c>vigil hunt</c> and <c>vigil convert</c>: standard input, as <c>cat -</c>
/// reads it, also after <c>--</c>. A file named <c>-</c> is given as <c>./-</c>.
/// </summary>
internal static class StandardInputPath
{
    public const string Dash = "-";

    /// <summary>
    /// Returns <paramref name="paths"/> with <c>-</c> as <c>/dev/stdin</c>, which the reader opens as
    /// it opens any path named on the command line, a pipe included. Windows has no <c>/dev/stdin</c>, so there <c>-</c> stays,
    /// and <see cref="InputPaths.TryFindMissing"/> rejects it.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> paths) =>
        OperatingSystem.IsWindows() ? paths : [.. paths.Select(path => path == Dash ? "/dev/stdin" : path)];
}
