namespace Vigil.Read;

/// <summary>
/// An array element, or an NDJSON line's object, that was framed by <see cref="StructuralFraming"/>
/// alone, so its JSON syntax is still unchecked. What the reader knew when it framed the element lets the caller that checks the
/// syntax report an invalid one exactly as the reader would have (see <see cref="ElementSyntax"/>).
/// </summary>
/// <param name="RecordIndex">The element's 1-based number in its array; 0 for an NDJSON line.</param>
/// <param name="Line">The line the element starts on.</param>
/// <param name="LineStart">The absolute offset where that line starts.</param>
/// <param name="ResumeOffset">The absolute offset of the <c>,</c> or <c>]</c> after an array element, where reading went on.</param>
/// <param name="ResumeLine">For an NDJSON line, the line reading went on at; 0 when it was the last line.</param>
/// <param name="Wrapper">For an element of a wrapper's array, the wrapper, whose field the element must have.</param>
internal readonly record struct UnvalidatedElement(int RecordIndex, long Line, long LineStart, long ResumeOffset, long ResumeLine = 0, EventWrapper? Wrapper = null)
{
    /// <summary>Whether the element is a whole NDJSON line rather than an array element.</summary>
    public bool IsLine => RecordIndex == 0;
}
