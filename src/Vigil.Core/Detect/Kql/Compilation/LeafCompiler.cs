using System.Globalization;
using Vigil.Detect.Kql.Compilation.Leaves;
using Vigil.Detect.Kql.Documents;
using Vigil.Detect.Kql.Matching;

namespace Vigil.Detect.Kql.Compilation;

/// <summary>
/// Builds the value test of one leaf (<c>f:v</c>, <c>f:*</c>, <c>f op v</c>) for one field type,
/// following what Kibana sends for that type and what Elasticsearch does with it. In free-text mode
/// (Kibana's <c>multi_match</c> and field-less <c>query_string</c>, both lenient) a value a type
/// cannot take skips that field; otherwise it is a query error, as Elasticsearch fails the shard.
/// </summary>
internal sealed class LeafCompiler(TimeProvider clock)
{
    private static readonly ValueTest Never = new NeverTest();

    public static LeafResult Exists(ResolvedField field) => LeafResult.Ok(TypeFamilies.Of(field.Type) switch
    {
        TypeFamily.Keyword or TypeFamily.KeywordViaQueryString => new KeywordExists(field.IgnoreAbove),
        TypeFamily.Text => new TextExists(),
        TypeFamily.Integer or TypeFamily.Float => new NumberExists(),
        TypeFamily.Date => new DateExists(),
        TypeFamily.Ip => new IpExists(),
        TypeFamily.Boolean => new BooleanExists(),

        // Any value counts, such as {"lat": 1, "lon": 2} for a geo_point or {"gte": 1} for a range.
        TypeFamily.ExistsOnly => AnyValueExists.Instance,

        // Objects take ObjectExists, which needs the mapping; nested fields hold no value in their parent's scope.
        _ => Never,
    });

    public LeafResult Is(ResolvedField field, KqlValue value, bool freeText)
    {
        if (value.Kind == KqlValueKind.Null)
        {
            return LeafResult.Fail(
                $"`{field.Name}:null` sends a null value, which Elasticsearch rejects; "
                + $"to find documents without the field write `not {field.Name}:*`, or quote \"null\" to match the text");
        }

        return value.Pattern is { } pattern ? IsWildcard(field, value, pattern, freeText) : IsValue(field, value, freeText);
    }

    public LeafResult Range(ResolvedField field, KqlRangeOperator op, KqlValue value)
    {
        var isLower = op is KqlRangeOperator.GreaterThan or KqlRangeOperator.GreaterThanOrEqual;
        var inclusive = op is KqlRangeOperator.GreaterThanOrEqual or KqlRangeOperator.LessThanOrEqual;
        var text = value.Kind == KqlValueKind.Null ? null : value.Text;
        var family = TypeFamilies.Of(field.Type);
        if (field.Type == FieldType.Version)
        {
            return VersionRangeUnsupported(field);
        }

        if (value.Kind == KqlValueKind.Boolean && family is TypeFamily.Integer or TypeFamily.Float or TypeFamily.Date or TypeFamily.Ip)
        {
            return Rejected(field, value);
        }

        return family switch
        {
            TypeFamily.Keyword or TypeFamily.KeywordViaQueryString => LeafResult.Ok(
                new KeywordRange(LowerOf(text, isLower, inclusive), UpperOf(text, isLower, inclusive), field.IgnoreAbove)),
            TypeFamily.Text => LeafResult.Ok(new TextRange(LowerOf(text, isLower, inclusive), UpperOf(text, isLower, inclusive))),
            TypeFamily.Integer => IntegerRange(field, value, text, isLower, inclusive),
            TypeFamily.Float => FloatRange(field, value, text, isLower, inclusive),
            TypeFamily.Date => DateRange(field, value, text, isLower, inclusive),
            TypeFamily.Ip => IpRange(field, value, text, isLower, inclusive),
            TypeFamily.Boolean => BooleanRange(field, value, text, isLower, inclusive),
            TypeFamily.ExistsOnly => Rejected(field, value),
            _ => LeafResult.Ok(Never),
        };
    }

    /// <summary>
    /// Builds the test of one Elasticsearch range query with both bounds, which a single value of the
    /// field must pass together. Two KQL ranges joined by <c>and</c> may pass on different values of
    /// a multi-valued field; a range query may not.
    /// </summary>
    public LeafResult Between(ResolvedField field, KqlRangeOperator lowerOperator, KqlValue lowerValue, KqlRangeOperator upperOperator, KqlValue upperValue)
    {
        var family = TypeFamilies.Of(field.Type);
        if (field.Type == FieldType.Version)
        {
            return VersionRangeUnsupported(field);
        }

        if (family is TypeFamily.Keyword or TypeFamily.KeywordViaQueryString or TypeFamily.Text)
        {
            var lower = LowerOf(lowerValue.Text, isLower: true, lowerOperator == KqlRangeOperator.GreaterThanOrEqual);
            var upper = UpperOf(upperValue.Text, isLower: false, upperOperator == KqlRangeOperator.LessThanOrEqual);
            return LeafResult.Ok(family == TypeFamily.Text ? new TextRange(lower, upper) : new KeywordRange(lower, upper, field.IgnoreAbove));
        }

        var lowerTest = Range(field, lowerOperator, lowerValue);
        if (lowerTest.Test is null)
        {
            return lowerTest;
        }

        var upperTest = Range(field, upperOperator, upperValue);
        return upperTest.Test is null ? upperTest : LeafResult.Ok(new AllTest([lowerTest.Test, upperTest.Test]));
    }

    private static LeafResult IsWildcard(ResolvedField field, KqlValue value, WildcardText pattern, bool freeText)
    {
        switch (TypeFamilies.Of(field.Type))
        {
            case TypeFamily.Keyword when !freeText:
                return LeafResult.Ok(new KeywordWildcard(new WildcardMatcher(pattern.Segments), field.IgnoreAbove));

            case TypeFamily.Keyword or TypeFamily.KeywordViaQueryString:
                return LeafResult.Ok(KeywordQueryString(pattern, field.IgnoreAbove));

            case TypeFamily.Text:
                return LeafResult.Ok(TextQueryString(pattern));

            case TypeFamily.Container:
                return LeafResult.Ok(Never);

            default:
                return freeText ? LeafResult.Skip : Rejected(field, value);
        }
    }

    private LeafResult IsValue(ResolvedField field, KqlValue value, bool freeText)
    {
        var result = TypeFamilies.Of(field.Type) switch
        {
            TypeFamily.Keyword or TypeFamily.KeywordViaQueryString => LeafResult.Ok(new KeywordEquals(value.Text, field.IgnoreAbove)),
            TypeFamily.Text => LeafResult.Ok(value.Kind == KqlValueKind.Quoted
                ? new TextPhrase(TextAnalyzer.Tokenize(value.Text))
                : new TextAnyToken(TextAnalyzer.Tokenize(value.Text))),
            TypeFamily.Integer when value.Kind != KqlValueKind.Boolean => IntegerRange(field, value, value.Text, null, true),
            TypeFamily.Float when value.Kind != KqlValueKind.Boolean => FloatRange(field, value, value.Text, null, true),
            TypeFamily.Date when value.Kind != KqlValueKind.Boolean => DateEquals(field, value),
            TypeFamily.Ip when value.Kind != KqlValueKind.Boolean => IpEquals(field, value),
            TypeFamily.Boolean => BooleanRange(field, value, value.Text, null, true),
            TypeFamily.Container => LeafResult.Ok(Never),
            _ => Rejected(field, value),
        };
        return freeText && result.Error is not null ? LeafResult.Skip : result;
    }

    private static AnyTest KeywordQueryString(WildcardText pattern, int? ignoreAbove) =>
        new AnyTest(QueryStringTerms.Split(pattern)
            .Select(term => term.Count == 1
                ? (ValueTest)new KeywordEquals(term[0], ignoreAbove)
                : new KeywordWildcard(new WildcardMatcher(term), ignoreAbove))
            .ToList());

    /// <summary>A query_string on a text field: wildcard terms are lower-cased and matched per token; other terms are analyzed.</summary>
    private static AnyTest TextQueryString(WildcardText pattern) =>
        new AnyTest(QueryStringTerms.Split(pattern)
            .Select(term => term.Count == 1
                ? (ValueTest)new TextAnyToken(TextAnalyzer.Tokenize(term[0]))
                : new TextWildcardToken(new WildcardMatcher(term, lowerCase: true)))
            .ToList());

    private static LeafResult IntegerRange(ResolvedField field, KqlValue value, string? text, bool? isLower, bool inclusive)
    {
        decimal number = 0;
        if (text is not null && !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return Rejected(field, value);
        }

        var bound = text is null ? Bound<decimal>.Unbounded : Bound<decimal>.At(number, inclusive);
        return LeafResult.Ok(new Leaves.IntegerRange(isLower == false ? Bound<decimal>.Unbounded : bound, isLower == true ? Bound<decimal>.Unbounded : bound));
    }

    private static LeafResult FloatRange(ResolvedField field, KqlValue value, string? text, bool? isLower, bool inclusive)
    {
        double number = 0;
        if (text is not null && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return Rejected(field, value);
        }

        var single = field.Type is FieldType.Float or FieldType.HalfFloat;
        var bound = text is null ? Bound<double>.Unbounded : Bound<double>.At(single ? (float)number : number, inclusive);
        return LeafResult.Ok(new Leaves.FloatRange(
            isLower == false ? Bound<double>.Unbounded : bound,
            isLower == true ? Bound<double>.Unbounded : bound,
            single));
    }

    /// <summary>Date equality is the range from the value rounded down to the value rounded up, as Kibana sends it.</summary>
    private LeafResult DateEquals(ResolvedField field, KqlValue value)
    {
        if (!DateMath.TryParse(value.Text, roundUp: false, out var lower) || !DateMath.TryParse(value.Text, roundUp: true, out var upper))
        {
            return Rejected(field, value);
        }

        return LeafResult.Ok(new Leaves.DateRange(lower, true, upper, true, clock));
    }

    /// <summary>
    /// Elasticsearch rounds a bound up for <c>gt</c> and <c>lte</c> and down for <c>gte</c> and <c>lt</c>,
    /// so <c>&gt; 2024-01-15</c> excludes that whole day.
    /// </summary>
    private LeafResult DateRange(ResolvedField field, KqlValue value, string? text, bool isLower, bool inclusive)
    {
        DateMath? bound = null;
        var roundUp = isLower != inclusive;
        if (text is not null && !DateMath.TryParse(text, roundUp, out bound))
        {
            return Rejected(field, value);
        }

        return LeafResult.Ok(isLower
            ? new Leaves.DateRange(bound, inclusive, null, true, clock)
            : new Leaves.DateRange(null, true, bound, inclusive, clock));
    }

    private static LeafResult IpEquals(ResolvedField field, KqlValue value)
    {
        if (IpValue.TryParseCidr(value.Text, out var network, out var prefix))
        {
            return LeafResult.Ok(new IpNetwork(network, prefix));
        }

        return IpValue.TryParse(value.Text, out var address)
            ? LeafResult.Ok(new IpNetwork(address, 128))
            : Rejected(field, value);
    }

    private static LeafResult IpRange(ResolvedField field, KqlValue value, string? text, bool isLower, bool inclusive)
    {
        UInt128 address = default;
        if (text is not null && !IpValue.TryParse(text, out address))
        {
            return Rejected(field, value);
        }

        var bound = text is null ? Bound<UInt128>.Unbounded : Bound<UInt128>.At(address, inclusive);
        return LeafResult.Ok(isLower
            ? new Leaves.IpRange(bound, Bound<UInt128>.Unbounded)
            : new Leaves.IpRange(Bound<UInt128>.Unbounded, bound));
    }

    private static LeafResult BooleanRange(ResolvedField field, KqlValue value, string? text, bool? isLower, bool inclusive)
    {
        if (text is not (null or "true" or "false"))
        {
            return Rejected(field, value);
        }

        var flag = text == "true";
        var bound = text is null ? Bound<bool>.Unbounded : Bound<bool>.At(flag, inclusive);
        return LeafResult.Ok(new Leaves.BooleanRange(
            isLower == false ? Bound<bool>.Unbounded : bound,
            isLower == true ? Bound<bool>.Unbounded : bound));
    }

    private static Bound<string> LowerOf(string? text, bool isLower, bool inclusive) =>
        isLower && text is not null ? Bound<string>.At(text, inclusive) : Bound<string>.Unbounded;

    private static Bound<string> UpperOf(string? text, bool isLower, bool inclusive) =>
        !isLower && text is not null ? Bound<string>.At(text, inclusive) : Bound<string>.Unbounded;

    private static LeafResult Rejected(ResolvedField field, KqlValue value)
    {
        var type = TypeFamilies.EsName(field.Type);
        var described = value.Kind == KqlValueKind.Wildcard ? $"the wildcard `{value.Text}`" : $"the value `{value.Text}`";
        if (TypeFamilies.Of(field.Type) == TypeFamily.ExistsOnly && !TypeFamilies.RejectsValueQueries(field.Type))
        {
            return LeafResult.Fail(
                $"Vigil cannot evaluate {described} on the {type} field `{field.Name}`, because it tests {type} fields only for existence; "
                + $"write `{field.Name}:*`, or test another field");
        }

        var fix = TypeFamilies.Of(field.Type) switch
        {
            TypeFamily.ExistsOnly => $"KQL can test {IndefiniteArticle.With(type)} field only for existence, as `{field.Name}:*`",
            TypeFamily.Ip => "use an address or a CIDR block such as 10.0.0.0/8",
            TypeFamily.Boolean => "use true or false",
            TypeFamily.Date => "use a date such as 2024-01-15T10:00:00Z, epoch milliseconds, or date math such as now-5m",
            _ => $"use a number, or a range such as `{field.Name} >= 400 and {field.Name} < 500` in place of a wildcard",
        };
        return LeafResult.Fail(
            $"Elasticsearch rejects {described} on the {type} field `{field.Name}`, so the rule would fail; {fix}");
    }

    /// <summary>
    /// Rejects a range on a version field, because Elasticsearch orders versions by semantic version
    /// precedence (1.10.0 after 1.9.0), and a keyword range here would compare bytes.
    /// </summary>
    private static LeafResult VersionRangeUnsupported(ResolvedField field) =>
        LeafResult.Fail(
            $"Vigil cannot evaluate a range on the version field `{field.Name}`, because Elasticsearch orders versions "
            + "by semantic version precedence and Vigil does not; test exact versions or wildcards instead");

    private sealed class NeverTest : ValueTest
    {
        public override bool Test(System.Text.Json.Nodes.JsonNode value) => false;
    }
}

/// <summary>A leaf's value test, or the reason Elasticsearch rejects it; neither means "skip this field".</summary>
internal readonly record struct LeafResult(ValueTest? Test, string? Error)
{
    /// <summary>The position of the rejected value in a terms query's list, or null for a query of one value.</summary>
    public int? ValueIndex { get; init; }

    public static LeafResult Skip => default;

    public static LeafResult Ok(ValueTest test) => new(test, null);

    public static LeafResult Fail(string error) => new(null, error);
}
