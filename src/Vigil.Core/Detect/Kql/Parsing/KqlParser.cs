namespace Vigil.Detect.Kql.Parsing;

/// <summary>
/// A recursive-descent parser equivalent to Kibana's PEG grammar for KQL (grammar.peggy in
/// @kbn/es-query): same ordered choices, same lookaheads and the same error expectations. Repeated
/// alternatives (<c>a (op a)+ / a</c>) are parsed once as <c>a (op a)*</c>, which accepts the same
/// language and keeps parsing polynomial instead of exponential in the nesting depth.
/// </summary>
internal sealed partial class KqlParser
{
    private const string EndOfInput = "end of input";

    private readonly string _text;
    private readonly int[] _spaceRunEnd;
    private readonly SyntaxFailures _failures = new();
    private int _pos;
    private int _depth;

    private KqlParser(string text)
    {
        _text = text;
        _spaceRunEnd = ComputeSpaceRunEnds(text);
    }

    public static KqlParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var parser = new KqlParser(text);
        KqlNode? query;
        try
        {
            query = parser.ParseStart();
        }
        catch (NestingTooDeepException e)
        {
            return KqlParseResult.Failed(SyntaxErrorBuilder.TooDeep(text, e.Position, Kql.MaxNestingDepth));
        }

        return query is not null
            ? KqlParseResult.Parsed(query)
            : KqlParseResult.Failed(SyntaxErrorBuilder.Build(text, parser._failures));
    }

    /// <summary>
    /// Opens one level of <c>( )</c> or <c>{ }</c> at <paramref name="at"/>. The parser recurses only at a bracket,
    /// and each bracket adds at most three AST levels (or, and, not), so this bound also limits every pass over the AST.
    /// The exception unwinds the whole parse at once.
    /// </summary>
    private void Enter(int at)
    {
        if (++_depth > Kql.MaxNestingDepth)
        {
            throw new NestingTooDeepException(at);
        }
    }

    private void Leave() => _depth--;

    private KqlNode? ParseStart()
    {
        SkipSpaces();
        var query = OrQuery();
        SkipSpaces();
        if (_pos == _text.Length)
        {
            return query ?? new KqlMatchAll();
        }

        _failures.Expect(_pos, EndOfInput);
        return null;
    }

    private KqlNode? OrQuery()
    {
        var head = AndQuery();
        if (head is null)
        {
            return null;
        }

        List<KqlNode>? operands = null;
        while (true)
        {
            var save = _pos;
            var next = Or() ? AndQuery() : null;
            if (next is null)
            {
                _pos = save;
                break;
            }

            operands ??= [head];
            operands.Add(next);
        }

        return operands is null ? head : new KqlOr(operands);
    }

    private KqlNode? AndQuery()
    {
        var head = NotQuery();
        if (head is null)
        {
            return null;
        }

        List<KqlNode>? operands = null;
        while (true)
        {
            var save = _pos;
            var next = And() ? NotQuery() : null;
            if (next is null)
            {
                _pos = save;
                break;
            }

            operands ??= [head];
            operands.Add(next);
        }

        return operands is null ? head : new KqlAnd(operands);
    }

    private KqlNode? NotQuery()
    {
        var save = _pos;
        if (Not())
        {
            var operand = SubQuery();
            if (operand is not null)
            {
                return new KqlNot(operand);
            }

            _pos = save;
        }

        return SubQuery();
    }

    private KqlNode? SubQuery()
    {
        var save = _pos;
        if (Char('('))
        {
            Enter(save);
            SkipSpaces();
            var query = OrQuery();
            Leave();
            if (query is not null)
            {
                SkipSpaces();
                if (Char(')'))
                {
                    return query;
                }
            }

            _pos = save;
        }

        return NestedQuery();
    }

    private KqlNode? NestedQuery()
    {
        var save = _pos;
        var field = Field();
        if (field is not null && SpacesThen(':') && SpacesThen('{'))
        {
            Enter(_pos - 1);
            SkipSpaces();
            var query = OrQuery();
            Leave();
            if (query is not null && SpacesThen('}'))
            {
                return new KqlNested(field, query) { Position = save };
            }
        }

        _pos = save;
        return Expression();
    }

    private KqlNode? Expression() => FieldRangeExpression() ?? FieldValueExpression() ?? ValueExpression();

    private KqlRange? FieldRangeExpression()
    {
        var save = _pos;
        var field = Field();
        if (field is not null)
        {
            SkipSpaces();
            var op = RangeOperator();
            if (op is { } rangeOperator)
            {
                SkipSpaces();
                var valueStart = _pos;
                var value = Literal();
                if (value is not null)
                {
                    return new KqlRange(field, rangeOperator, value.ToValue()) { Position = valueStart };
                }
            }
        }

        _pos = save;
        return null;
    }

    private KqlNode? FieldValueExpression()
    {
        var save = _pos;
        var field = Field();
        if (field is not null && SpacesThen(':'))
        {
            SkipSpaces();
            var values = ListOfValues();
            if (values is not null)
            {
                return values(field);
            }
        }

        _pos = save;
        return null;
    }

    private KqlNode? ValueExpression() => Value()?.Invoke(KqlField.None);

    private KqlRangeOperator? RangeOperator()
    {
        if (Literal("<="))
        {
            return KqlRangeOperator.LessThanOrEqual;
        }

        if (Literal(">="))
        {
            return KqlRangeOperator.GreaterThanOrEqual;
        }

        if (Char('<'))
        {
            return KqlRangeOperator.LessThan;
        }

        return Char('>') ? KqlRangeOperator.GreaterThan : null;
    }

    /// <summary>The named rule <c>fieldName</c>: a literal in field position.</summary>
    private KqlField? Field()
    {
        _failures.Silence();
        var literal = LiteralBody();
        _failures.Unsilence();
        if (literal is null)
        {
            _failures.Expect(_pos, "fieldName");
        }

        return literal?.ToField();
    }

    /// <summary>The named rule <c>literal</c>: the value of a range expression.</summary>
    private ParsedLiteral? Literal()
    {
        _failures.Silence();
        var literal = LiteralBody();
        _failures.Unsilence();
        if (literal is null)
        {
            _failures.Expect(_pos, "literal");
        }

        return literal;
    }

    private ParsedLiteral? LiteralBody() => QuotedString() ?? UnquotedLiteral();
}
