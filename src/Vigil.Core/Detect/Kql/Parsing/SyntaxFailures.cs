namespace Vigil.Detect.Kql.Parsing;

/// <summary>
/// Records what the parser expected at the farthest position it failed, the way PEG.js builds its
/// error messages: failures inside a named rule or a lookahead are silent, and a named rule that fails
/// reports its own name instead.
/// </summary>
internal sealed class SyntaxFailures
{
    private readonly HashSet<string> _expected = new(StringComparer.Ordinal);
    private int _silentDepth;

    public int Position { get; private set; }

    public bool IsSilent => _silentDepth > 0;

    public void Silence() => _silentDepth++;

    public void Unsilence() => _silentDepth--;

    public void Expect(int position, string description)
    {
        if (_silentDepth > 0 || position < Position)
        {
            return;
        }

        if (position > Position)
        {
            Position = position;
            _expected.Clear();
        }

        _expected.Add(description);
    }

    /// <summary>Returns the expectations sorted like PEG.js does (ordinal), without duplicates.</summary>
    public IReadOnlyList<string> Expected() => _expected.Order(StringComparer.Ordinal).ToList();
}
