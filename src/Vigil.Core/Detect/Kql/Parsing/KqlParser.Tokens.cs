namespace Vigil.Detect.Kql.Parsing;

/// <summary>Whitespace, punctuation and the spaced keywords of the grammar.</summary>
internal sealed partial class KqlParser
{
    private static int[] ComputeSpaceRunEnds(string text)
    {
        var ends = new int[text.Length + 1];
        ends[text.Length] = text.Length;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            ends[i] = KqlWhitespace.IsSpace(text[i]) ? ends[i + 1] : i;
        }

        return ends;
    }

    /// <summary><c>Space*</c>, which leaves a "whitespace" expectation where it stops.</summary>
    private void SkipSpaces()
    {
        _pos = _spaceRunEnd[_pos];
        _failures.Expect(_pos, "whitespace");
    }

    /// <summary><c>Space+</c>.</summary>
    private bool SpacesRequired()
    {
        if (_spaceRunEnd[_pos] == _pos)
        {
            _failures.Expect(_pos, "whitespace");
            return false;
        }

        SkipSpaces();
        return true;
    }

    /// <summary><c>Space* c</c>.</summary>
    private bool SpacesThen(char c)
    {
        SkipSpaces();
        return Char(c);
    }

    private bool Char(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        _failures.Expect(_pos, $"\"{c}\"");
        return false;
    }

    private bool Literal(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) == 0)
        {
            _pos += literal.Length;
            return true;
        }

        _failures.Expect(_pos, $"\"{literal}\"");
        return false;
    }

    /// <summary>The named rule <c>OR</c>: <c>Space+ 'or'i Space+</c>.</summary>
    private bool Or() => SpacedKeyword("or", "OR");

    /// <summary>The named rule <c>AND</c>: <c>Space+ 'and'i Space+</c>.</summary>
    private bool And() => SpacedKeyword("and", "AND");

    /// <summary>The named rule <c>NOT</c>: <c>'not'i Space+</c>.</summary>
    private bool Not()
    {
        var end = NotEnd(_pos);
        if (end < 0)
        {
            _failures.Expect(_pos, "NOT");
            return false;
        }

        _pos = end;
        return true;
    }

    private bool SpacedKeyword(string keyword, string name)
    {
        var end = SpacedKeywordEnd(_pos, keyword);
        if (end < 0)
        {
            _failures.Expect(_pos, name);
            return false;
        }

        _pos = end;
        return true;
    }

    /// <summary>The grammar's <c>Keyword</c> lookahead: an OR, AND or NOT begins at <paramref name="at"/>.</summary>
    private bool KeywordAt(int at) =>
        SpacedKeywordEnd(at, "or") >= 0 || SpacedKeywordEnd(at, "and") >= 0 || NotEnd(at) >= 0;

    private int SpacedKeywordEnd(int at, string keyword)
    {
        var wordStart = _spaceRunEnd[at];
        if (wordStart == at || !WordAt(wordStart, keyword))
        {
            return -1;
        }

        var wordEnd = wordStart + keyword.Length;
        var end = _spaceRunEnd[wordEnd];
        return end == wordEnd ? -1 : end;
    }

    private int NotEnd(int at)
    {
        if (!WordAt(at, "not"))
        {
            return -1;
        }

        var wordEnd = at + 3;
        var end = _spaceRunEnd[wordEnd];
        return end == wordEnd ? -1 : end;
    }

    /// <summary>True when <paramref name="word"/> (lower-case ASCII) is at <paramref name="at"/>, in any case.</summary>
    private bool WordAt(int at, string word) =>
        at + word.Length <= _text.Length
        && string.Compare(_text, at, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0;
}
