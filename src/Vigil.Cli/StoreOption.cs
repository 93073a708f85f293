using System.CommandLine;
using Vigil.Store;

namespace Vigil.Cli;

/// <summary>The <c>--data</c> option of the commands that read the store, and opening the store it names.</summary>
internal static class StoreOption
{
    /// <summary>The environment variable that gives the data directory when <c>--data</c> is absent.</summary>
    public const string EnvironmentVariable = "VIGIL_DATA";

    private const string EmptyDataFix = $"the data directory, or leave --data out to use ${EnvironmentVariable}";

    public static Option<string?> Create() => new Option<string?>("--data", "-d")
    {
        Description = $"Data directory holding the store (vigil.db), as given to 'vigil serve'. Defaults to ${EnvironmentVariable}.",
    }.RejectEmpty(EmptyDataFix);

    /// <summary>Defines the <c>--data</c> option of a command that creates the store when it is missing.</summary>
    public static Option<string?> CreateForWriting() => new Option<string?>("--data", "-d")
    {
        Description = $"Data directory holding the store (vigil.db); created when missing. Defaults to ${EnvironmentVariable}.",
    }.RejectEmpty(EmptyDataFix);

    /// <summary>Returns <paramref name="data"/>, or $VIGIL_DATA when it is absent, or null with the usage error when both are.</summary>
    public static string? DataDirectory(string? data, out string error)
    {
        error = "";
        if (!string.IsNullOrWhiteSpace(data))
        {
            return data;
        }

        var directory = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (directory is null)
        {
            error = $"missing --data: give the data directory of 'vigil serve' with --data, or set {EnvironmentVariable} to it.";
            return null;
        }

        // `VIGIL_DATA= vigil ...` or an unset shell variable in `VIGIL_DATA=$DIR` sets it empty.
        if (string.IsNullOrWhiteSpace(directory))
        {
            var value = directory.Length == 0 ? "empty" : "only white space";
            error = $"missing --data, and {EnvironmentVariable} is {value}: give the data directory of 'vigil serve' with --data, or set {EnvironmentVariable} to it.";
            return null;
        }

        return directory;
    }

    /// <summary>Opens the existing store in <paramref name="data"/> (or $VIGIL_DATA), or returns why it cannot.</summary>
    /// <param name="data">The data directory given with <c>--data</c>, or null to read it from the environment.</param>
    /// <param name="readOnly">Whether to open the store for reading only, so that a command that changes nothing works on a store it cannot write.</param>
    /// <param name="error">Why the store could not be opened.</param>
    public static VigilStore? TryOpenExisting(string? data, out string error, bool readOnly = false)
    {
        if (DataDirectory(data, out error) is not { } directory)
        {
            return null;
        }

        var database = Path.Combine(directory, VigilStore.DatabaseFileName);
        if (!File.Exists(database) && !Directory.Exists(database))
        {
            error = MissingStoreError(directory, database);
            return null;
        }

        try
        {
            return readOnly ? VigilStore.OpenReadOnly(directory) : VigilStore.Open(directory);
        }
        catch (StoreException exception)
        {
            error = $"--data: {exception.Message}";
            return null;
        }
    }

    /// <summary>
    /// Returns why <paramref name="database"/> was not found. File.Exists is also false when the
    /// user may not search the directory, and then the store may well be there.
    /// </summary>
    private static string MissingStoreError(string directory, string database)
    {
        if (File.Exists(directory))
        {
            return $"--data: {directory} is a file, not a folder; give the data directory of 'vigil serve' or 'vigil ingest'.";
        }

        try
        {
            File.GetAttributes(database);
        }
        catch (UnauthorizedAccessException)
        {
            return $"--data: permission denied on {directory}: this user cannot look up {VigilStore.DatabaseFileName} in it. Run the command as a user who can read the directory, or give this user read and execute permission on it.";
        }
        catch (IOException)
        {
        }

        return $"--data: no store in {directory} ({VigilStore.DatabaseFileName} not found); run 'vigil serve' or 'vigil ingest' with --data {directory} first.";
    }
}
