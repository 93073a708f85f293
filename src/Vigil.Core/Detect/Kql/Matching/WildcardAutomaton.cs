namespace Vigil.Detect.Kql.Matching;

/// <summary>What one token of a wildcard query pattern matches.</summary>
internal enum WildcardTokenKind
{
    /// <summary>One given code point.</summary>
    Literal,

    /// <summary><c>?</c>: any one code point.</summary>
    AnyCodePoint,

    /// <summary><c>*</c>: any run of code points, including none.</summary>
    AnyRun,
}

/// <summary>
/// One token of a wildcard query pattern: its kind, the code point of a literal, and whether a
/// literal ASCII letter also matches its other case.
/// </summary>
internal readonly record struct WildcardToken(WildcardTokenKind Kind, int CodePoint, bool IgnoreAsciiCase);

/// <summary>
/// Runs a wildcard pattern as a bit-parallel NFA (shift-and, with a self-loop for each <c>*</c>).
/// State i means the first i single-code-point tokens matched, and the value is read one code point
/// at a time. Each code point costs one pass over ⌈(states + 1) / 64⌉ words, so a match takes time
/// linear in the value for a given pattern and never backtracks.
/// </summary>
internal sealed class WildcardAutomaton
{
    private const int BitsPerWord = 64;

    /// <summary>Longer state sets go on the heap, to keep the stack small.</summary>
    private const int MaxStackWords = 16;

    private readonly int _words;
    private readonly int _acceptState;
    private readonly ulong[] _selfLoops;
    private readonly ulong[] _anyCodePoint;
    private readonly Dictionary<int, ulong[]> _byCodePoint = [];

    public WildcardAutomaton(IReadOnlyList<WildcardToken> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);

        _acceptState = tokens.Count(token => token.Kind != WildcardTokenKind.AnyRun);
        _words = (_acceptState / BitsPerWord) + 1;
        _selfLoops = new ulong[_words];
        _anyCodePoint = new ulong[_words];

        var state = 0;
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case WildcardTokenKind.AnyRun:
                    Set(_selfLoops, state);
                    break;
                case WildcardTokenKind.AnyCodePoint:
                    Set(_anyCodePoint, ++state);
                    break;
                default:
                    state++;
                    foreach (var codePoint in Cases(token))
                    {
                        Set(Entering(codePoint), state);
                    }

                    break;
            }
        }

        // A code point that a literal names also enters every state that any code point enters.
        foreach (var mask in _byCodePoint.Values)
        {
            for (var w = 0; w < _words; w++)
            {
                mask[w] |= _anyCodePoint[w];
            }
        }
    }

    public bool IsMatch(ReadOnlySpan<char> value)
    {
        var current = _words <= MaxStackWords ? stackalloc ulong[_words] : new ulong[_words];
        var next = _words <= MaxStackWords ? stackalloc ulong[_words] : new ulong[_words];
        current.Clear();
        current[0] = 1;

        foreach (var rune in value.EnumerateRunes())
        {
            var entering = _byCodePoint.TryGetValue(rune.Value, out var mask) ? mask : _anyCodePoint;
            var carry = 0UL;
            var alive = 0UL;
            for (var w = 0; w < _words; w++)
            {
                var shifted = (current[w] << 1) | carry;
                carry = current[w] >> (BitsPerWord - 1);
                next[w] = (shifted & entering[w]) | (current[w] & _selfLoops[w]);
                alive |= next[w];
            }

            if (alive == 0)
            {
                return false;
            }

            var previous = current;
            current = next;
            next = previous;
        }

        return (current[_acceptState / BitsPerWord] & (1UL << (_acceptState % BitsPerWord))) != 0;
    }

    private static IEnumerable<int> Cases(WildcardToken token)
    {
        yield return token.CodePoint;
        if (token.IgnoreAsciiCase && token.CodePoint < 128 && char.IsAsciiLetter((char)token.CodePoint))
        {
            yield return token.CodePoint ^ 0x20;
        }
    }

    private ulong[] Entering(int codePoint)
    {
        if (!_byCodePoint.TryGetValue(codePoint, out var mask))
        {
            mask = new ulong[_words];
            _byCodePoint[codePoint] = mask;
        }

        return mask;
    }

    private static void Set(ulong[] bits, int state) => bits[state / BitsPerWord] |= 1UL << (state % BitsPerWord);
}
