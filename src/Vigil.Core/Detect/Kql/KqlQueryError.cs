namespace Vigil.Detect.Kql;

/// <summary>
/// A query that parses but that Elasticsearch rejects for the mapping (for example a wildcard on a
/// numeric field); Elasticsearch fails the shard, so the rule would raise no alerts at all.
/// </summary>
/// <param name="Position">0-based offset of the offending value or nested path.</param>
/// <param name="Line">1-based line of <paramref name="Position"/>.</param>
/// <param name="Column">1-based column of <paramref name="Position"/>.</param>
/// <param name="Message">What Elasticsearch rejects and how to write the query instead.</param>
/// <param name="Field">The full name of the field involved.</param>
public sealed record KqlQueryError(int Position, int Line, int Column, string Message, string Field)
    : KqlError(Position, Line, Column, Message)
{
    /// <summary>Returns e.g. <c>Query error (line 1, column 13): …</c>.</summary>
    public override string ToString() => $"Query error (line {Line}, column {Column}): {Message}";
}
