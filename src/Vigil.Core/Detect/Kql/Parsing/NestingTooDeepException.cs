namespace Vigil.Detect.Kql.Parsing;

/// <summary>
/// Unwinds <see cref="KqlParser"/> when brackets nest deeper than <see cref="Kql.MaxNestingDepth"/>;
/// the parser catches it and returns a syntax error, so it never leaves the parser.
/// </summary>
internal sealed class NestingTooDeepException : Exception
{
    public NestingTooDeepException(int position)
        : base($"query nested too deeply at offset {position}")
    {
        Position = position;
    }

    public NestingTooDeepException()
    {
    }

    public NestingTooDeepException(string message)
        : base(message)
    {
    }

    public NestingTooDeepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Offset of the bracket that went one level too deep.</summary>
    public int Position { get; }
}
