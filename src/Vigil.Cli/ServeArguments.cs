namespace Vigil.Cli;

/// <summary>The command line of <c>vigil serve</c>, as given.</summary>
internal sealed record ServeArguments(
    string? DataDirectory,
    IReadOnlyList<string> WatchFolders,
    IReadOnlyList<string> RulePaths,
    string Retention,
    string Poll);
