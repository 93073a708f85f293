namespace Vigil.Detect.Kql.Parsing;

/// <summary>
/// Value lists after <c>field:</c>. A list parses to a function of the field, because Kibana
/// distributes the field over every value: <c>f:(a or not b)</c> is <c>f:a or not f:b</c>.
/// </summary>
internal sealed partial class KqlParser
{
    private Func<KqlField, KqlNode>? ListOfValues()
    {
        var save = _pos;
        if (Char('('))
        {
            Enter(save);
            SkipSpaces();
            var values = OrListOfValues();
            Leave();
            if (values is not null && SpacesThen(')'))
            {
                return values;
            }

            _pos = save;
        }

        return Value();
    }

    private Func<KqlField, KqlNode>? OrListOfValues()
    {
        var head = AndListOfValues();
        if (head is null)
        {
            return null;
        }

        List<Func<KqlField, KqlNode>>? operands = null;
        while (true)
        {
            var save = _pos;
            var next = Or() ? AndListOfValues() : null;
            if (next is null)
            {
                _pos = save;
                break;
            }

            operands ??= [head];
            operands.Add(next);
        }

        return operands is null ? head : field => new KqlOr(operands.Select(bind => bind(field)).ToList());
    }

    private Func<KqlField, KqlNode>? AndListOfValues()
    {
        var head = NotListOfValues();
        if (head is null)
        {
            return null;
        }

        List<Func<KqlField, KqlNode>>? operands = null;
        while (true)
        {
            var save = _pos;
            var next = And() ? NotListOfValues() : null;
            if (next is null)
            {
                _pos = save;
                break;
            }

            operands ??= [head];
            operands.Add(next);
        }

        return operands is null ? head : field => new KqlAnd(operands.Select(bind => bind(field)).ToList());
    }

    private Func<KqlField, KqlNode>? NotListOfValues()
    {
        var save = _pos;
        if (Not())
        {
            var operand = ListOfValues();
            if (operand is not null)
            {
                return field => new KqlNot(operand(field));
            }

            _pos = save;
        }

        return ListOfValues();
    }

    /// <summary>The named rule <c>value</c>: a quoted string or an unquoted literal.</summary>
    private Func<KqlField, KqlNode>? Value()
    {
        var start = _pos;
        _failures.Silence();
        var literal = LiteralBody();
        _failures.Unsilence();
        if (literal is null)
        {
            _failures.Expect(_pos, "value");
            return null;
        }

        var value = literal.ToValue();
        return field => BuildIs(field, value) with { Position = start };
    }

    /// <summary>
    /// Builds <c>field:value</c>. A lone <c>*</c> value is an exists query, and <c>*:*</c> matches all,
    /// as in Kibana's <c>is</c> function.
    /// </summary>
    private static KqlNode BuildIs(KqlField field, KqlValue value)
    {
        if (!value.IsLoneWildcard)
        {
            return new KqlIs(field, value);
        }

        return field.IsLoneWildcard ? new KqlMatchAll() : new KqlExists(field);
    }
}
