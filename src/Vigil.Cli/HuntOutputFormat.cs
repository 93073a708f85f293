namespace Vigil.Cli;

/// <summary>
/// The format <c>vigil hunt</c> writes to standard output, from <c>--format</c> and <c>--output</c>.
/// <c>--output -</c> sends the NDJSON alerts to standard output, so a table there would mix with them.
/// </summary>
internal static class HuntOutputFormat
{
    public const string Table = "table";
    public const string Ndjson = "ndjson";

    private const string StandardStream = "-";

    /// <summary>
    /// Returns the format given, or without <c>--format</c> (<paramref name="format"/> null)
    /// <c>ndjson</c> for <c>--output -</c> and <c>table</c> otherwise.
    /// </summary>
    public static string Resolve(string? format, string? output) =>
        format ?? (output == StandardStream ? Ndjson : Table);

    /// <summary>Returns the usage error for <c>--format table</c> with <c>--output -</c>, or null.</summary>
    public static string? ConflictError(string? format, string? output) =>
        format == Table && output == StandardStream
            ? "--format table and --output - both write to standard output, so the table would mix with the NDJSON alerts. "
                + "Use --format ndjson, or give --output a file to keep the NDJSON there and the table on standard output."
            : null;
}
