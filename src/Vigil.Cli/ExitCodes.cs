namespace Vigil.Cli;

/// <summary>Process exit codes. Alerts are findings, not failures, so a hunt with alerts exits with <see cref="Success"/>.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>
    /// Nothing could be read: no input files, or no event read while records failed. A hunt, a
    /// conversion and an ingest also exit with it when they read no event and a folder could not be listed,
    /// and a hunt and a conversion when they read no event and skipped a file as not CloudTrail JSON.
    /// </summary>
    public const int NothingRead = 1;

    /// <summary>Invalid command line: unknown option, missing path, unparsable time, no usable rules.</summary>
    public const int Usage = 2;

    /// <summary>The output could not be written: a full disk or a failing output. A hunt stops at once.</summary>
    public const int OutputFailed = 3;

    /// <summary>
    /// <c>vigil serve</c> or <c>vigil ingest</c> stopped because the store's <c>vigil.db</c> was
    /// deleted or replaced while it ran, so what it wrote after that would be lost. The store is
    /// where these commands write their output, hence the code of <see cref="OutputFailed"/>.
    /// </summary>
    public const int StoreFileReplaced = 3;

    /// <summary>
    /// Ctrl-C (SIGINT) or SIGTERM stopped a hunt, a conversion, an ingest or <c>vigil rules run</c>
    /// before it finished. Shells report 130 for a process ended by SIGINT.
    /// </summary>
    public const int Interrupted = 130;
}
