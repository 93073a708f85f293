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
        var directory = string.IsNullOrWhiteSpace(data) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : data;
        if (string.IsNullOrWhiteSpace(directory))
        {
            error = $"missing --data: give the data directory of 'vigil serve', or set {EnvironmentVariable}";
            return null;
        }

        return directory;
    }

    /// <summary>Opens the existing store in <paramref name="data"/> (or $VIGIL_DATA), or returns why it cannot.</summary>
    public static VigilStore? TryOpenExisting(string? data, out string error)
    {
        if (DataDirectory(data, out error) is not { } directory)
        {
            return null;
        }

        if (!File.Exists(Path.Combine(directory, VigilStore.DatabaseFileName)))
        {
            error = $"--data: no store in {directory} ({VigilStore.DatabaseFileName} not found); run 'vigil serve' or 'vigil ingest' with --data {directory} first";
            return null;
        }

        try
        {
            return VigilStore.Open(directory);
        }
        catch (StoreException exception)
        {
            error = $"--data: {exception.Message}";
            return null;
        }
    }
}
