namespace Vigil.Cli;

/// <summary>Checks the CloudTrail input paths of <c>vigil hunt</c>, <c>vigil ingest</c> and <c>vigil convert</c> before anything is read.</summary>
internal static class InputPaths
{
    /// <summary>Finds the first path that is neither a file nor a folder and returns true with its usage error, or false when all exist.</summary>
    public static bool TryFindMissing(IEnumerable<string> paths, out string error)
    {
        error = "";
        if (paths.FirstOrDefault(path => !File.Exists(path) && !Directory.Exists(path)) is not { } missing)
        {
            return false;
        }

        error = missing.StartsWith('-')
            ? $"unknown option {missing}."
            : $"input path not found: {missing}. Give a CloudTrail file or a directory of them.";
        return true;
    }
}
