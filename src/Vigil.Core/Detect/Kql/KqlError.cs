namespace Vigil.Detect.Kql;

/// <summary>An error in a KQL query, positioned in the query text.</summary>
/// <param name="Position">0-based offset (UTF-16 code units) in the query text.</param>
/// <param name="Line">1-based line of <paramref name="Position"/>.</param>
/// <param name="Column">1-based column of <paramref name="Position"/>.</param>
/// <param name="Message">What is wrong, on which value, and how to fix it.</param>
public abstract record KqlError(int Position, int Line, int Column, string Message);
