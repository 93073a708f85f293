namespace Vigil.Detect.Kql;

/// <summary>A KQL syntax error: the query does not follow Kibana's grammar.</summary>
/// <param name="Position">0-based offset (UTF-16 code units) where parsing failed.</param>
/// <param name="Line">1-based line of <paramref name="Position"/>.</param>
/// <param name="Column">1-based column of <paramref name="Position"/>.</param>
/// <param name="Message">What was found and what was expected, plus a hint when one applies.</param>
/// <param name="Found">The character found at the position, or null at the end of the query.</param>
/// <param name="Expected">What the grammar accepts at the position, in Kibana's terms and order.</param>
public sealed record KqlSyntaxError(
    int Position,
    int Line,
    int Column,
    string Message,
    string? Found,
    IReadOnlyList<string> Expected) : KqlError(Position, Line, Column, Message)
{
    /// <summary>Returns e.g. <c>Syntax error (line 1, column 7): unexpected `)`, expected value</c>.</summary>
    public override string ToString() => $"Syntax error (line {Line}, column {Column}): {Message}";
}
