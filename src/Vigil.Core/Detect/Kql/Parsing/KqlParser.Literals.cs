using System.Globalization;
using System.Text;

namespace Vigil.Detect.Kql.Parsing;

/// <summary>Quoted strings and unquoted literals, with their escapes.</summary>
internal sealed partial class KqlParser
{
    /// <summary>Characters that end an unquoted literal unless escaped with a backslash.</summary>
    private const string SpecialCharacters = "\\():<>\"*{}";

    private ParsedLiteral? QuotedString()
    {
        var save = _pos;
        if (!Char('"'))
        {
            return null;
        }

        var builder = new StringBuilder();
        while (_pos < _text.Length && QuotedCharacter(builder))
        {
        }

        if (Char('"'))
        {
            return ParsedLiteral.Quoted(builder.ToString());
        }

        _pos = save;
        return null;
    }

    /// <summary>
    /// One character of a quoted string: <c>\t \r \n \uXXXX \\ \"</c> are escapes; any other backslash
    /// is kept as it is; an unescaped quote ends the string.
    /// </summary>
    private bool QuotedCharacter(StringBuilder builder)
    {
        if (EscapedWhitespace() is { } whitespace)
        {
            builder.Append(whitespace);
            return true;
        }

        if (EscapedUnicode() is { } unicode)
        {
            builder.Append(unicode);
            return true;
        }

        var c = _text[_pos];
        if (c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] is '\\' or '"')
        {
            builder.Append(_text[_pos + 1]);
            _pos += 2;
            return true;
        }

        if (c == '"')
        {
            return false;
        }

        builder.Append(c);
        _pos++;
        return true;
    }

    private ParsedLiteral? UnquotedLiteral()
    {
        var literal = new UnquotedLiteralBuilder();
        while (UnquotedCharacter(literal))
        {
        }

        return literal.IsEmpty ? null : literal.Build();
    }

    /// <summary>
    /// One unquoted character, trying in order: <c>\t \r \n</c>, an escaped special character, <c>\uXXXX</c>,
    /// an escaped keyword (<c>\or \and \not</c> in any case), the wildcard <c>*</c>, then any character
    /// that is neither special nor the start of a spaced keyword.
    /// </summary>
    private bool UnquotedCharacter(UnquotedLiteralBuilder literal)
    {
        if (_pos >= _text.Length)
        {
            return false;
        }

        if (_text[_pos] == '\\')
        {
            return UnquotedEscape(literal);
        }

        if (_text[_pos] == '*')
        {
            literal.AppendWildcard();
            _pos++;
            return true;
        }

        if (SpecialCharacters.Contains(_text[_pos], StringComparison.Ordinal) || KeywordAt(_pos))
        {
            return false;
        }

        literal.Append(_text[_pos]);
        _pos++;
        return true;
    }

    private bool UnquotedEscape(UnquotedLiteralBuilder literal)
    {
        if (EscapedWhitespace() is { } whitespace)
        {
            literal.Append(whitespace);
            return true;
        }

        if (_pos + 1 < _text.Length && SpecialCharacters.Contains(_text[_pos + 1], StringComparison.Ordinal))
        {
            literal.Append(_text[_pos + 1]);
            _pos += 2;
            return true;
        }

        if (EscapedUnicode() is { } unicode)
        {
            literal.Append(unicode);
            return true;
        }

        foreach (var keyword in (ReadOnlySpan<string>)["or", "and", "not"])
        {
            if (WordAt(_pos + 1, keyword))
            {
                literal.Append(_text.AsSpan(_pos + 1, keyword.Length));
                _pos += 1 + keyword.Length;
                return true;
            }
        }

        return false;
    }

    private char? EscapedWhitespace()
    {
        if (_pos + 1 >= _text.Length || _text[_pos] != '\\')
        {
            return null;
        }

        char? escaped = _text[_pos + 1] switch
        {
            't' => '\t',
            'r' => '\r',
            'n' => '\n',
            _ => null,
        };
        if (escaped is not null)
        {
            _pos += 2;
        }

        return escaped;
    }

    /// <summary><c>\u</c> followed by exactly four hex digits.</summary>
    private char? EscapedUnicode()
    {
        const int Length = 6;
        if (_pos + Length > _text.Length || _text[_pos] != '\\' || _text[_pos + 1] != 'u')
        {
            return null;
        }

        var digits = _text.AsSpan(_pos + 2, 4);
        if (digits.IndexOfAnyExcept(HexDigits) >= 0
            || !ushort.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
        {
            return null;
        }

        _pos += Length;
        return (char)code;
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
