using System.Text.Json.Nodes;
using CsCheck;
using Vigil.Detect.Kql;

namespace Vigil.Tests.Detect;

/// <summary>CsCheck generators of KQL syntax trees, query text and ECS-shaped documents.</summary>
internal static class KqlGenerators
{
    /// <summary>Characters that exercise every escape of the grammar.</summary>
    private const string TrickyCharacters = "ab \t\n\\():<>\"*{}.-_/?é\u00A0";

    private static readonly Gen<string> Keyword = Gen.OneOf("and", "or", "not", "AND", "Or", "nOT");

    /// <summary>Text with specials, whitespace and keywords, which unquoted literals must escape.</summary>
    private static readonly Gen<string> TrickyText = Gen.Frequency(
        (4, Gen.Char[TrickyCharacters].Array[1, 6].Select(chars => new string(chars))),
        (1, Gen.Select(Keyword, Gen.OneOf(" ", "\t", ""), Gen.String["ab"], (k, space, rest) => k + space + rest)),
        (1, Gen.Select(Gen.String["ab"], Keyword, (head, k) => head + " " + k + " x")));

    /// <summary>Text an unquoted literal can carry: no whitespace at either end, not a typed word.</summary>
    private static readonly Gen<string> UnquotedText = TrickyText.Where(IsUnquotable);

    private static readonly Gen<WildcardText> Pattern =
        Gen.Frequency((1, Gen.Const("")), (3, UnquotedText)).Array[2, 4]
            .Select(segments => new WildcardText(segments))
            .Where(pattern => !pattern.IsLoneWildcard);

    private static readonly Gen<KqlValue> Value = Gen.Frequency(
        (4, UnquotedText.Select(KqlValue.Unquoted)),
        (3, TrickyText.Select(KqlValue.Quoted)),
        (2, Pattern.Select(KqlValue.Wildcard)),
        (1, Gen.Bool.Select(KqlValue.Boolean)),
        (1, Gen.Const(KqlValue.Null)));

    private static readonly Gen<KqlField> Field = Gen.Frequency(
        (5, TrickyText.Where(name => name.Length > 0).Select(KqlField.Named)),
        (1, Pattern.Select(KqlField.Matching)));

    private static readonly Gen<KqlNode> Leaf = Gen.Frequency<KqlNode>(
        (5, Gen.Select(Field, Value, (field, value) => (KqlNode)new KqlIs(field, value))),
        (1, Value.Select(value => (KqlNode)new KqlIs(KqlField.None, value))),
        (1, Field.Select(field => (KqlNode)new KqlExists(field))),
        (2, Gen.Select(Field, Gen.Enum<KqlRangeOperator>(), Value.Where(v => v.Kind != KqlValueKind.Wildcard),
            (field, op, value) => (KqlNode)new KqlRange(field, op, value))),
        (1, Gen.Const<KqlNode>(new KqlMatchAll())));

    /// <summary>Syntax trees of every node kind, up to four levels deep.</summary>
    public static Gen<KqlNode> Node => NodeOfDepth(4);

    /// <summary>Text built mostly from KQL's own tokens, so that it often nearly parses.</summary>
    public static Gen<string> QueryLikeText { get; } = Gen.Frequency(
        (3, Gen.OneOf("a", ":", " ", "*", "(", ")", "{", "}", "\"", "\\", "<", ">=", " and ", " or ", "not ", "\\u00", "\\t", "x.y", "\n")
            .Array[0, 20].Select(tokens => string.Concat(tokens))),
        (1, Gen.String));

    private static Gen<KqlNode> NodeOfDepth(int depth)
    {
        if (depth == 0)
        {
            return Leaf;
        }

        var child = NodeOfDepth(depth - 1);
        return Gen.Frequency<KqlNode>(
            (4, Leaf),
            (1, child.Array[2, 3].Select(operands => (KqlNode)new KqlAnd(operands))),
            (1, child.Array[2, 3].Select(operands => (KqlNode)new KqlOr(operands))),
            (1, child.Select(operand => (KqlNode)new KqlNot(operand))),
            (1, Gen.Select(Field.Where(f => !f.IsPattern), child, (path, query) => (KqlNode)new KqlNested(path, query))));
    }

    private static bool IsUnquotable(string text) =>
        text.Length > 0
        && text.Trim().Length == text.Length
        && text.Trim('\u00A0').Length == text.Length
        && text is not ("true" or "false" or "null");

    /// <summary>
    /// Queries over a small typed mapping (<see cref="TypedMapping"/>) that always compile: keyword
    /// leaves of every kind, numeric leaves on <c>n</c>, and and/or/not.
    /// </summary>
    public static Gen<KqlNode> TypedQuery => TypedQueryOfDepth(3);

    /// <summary>Keyword fields <c>k1</c>, <c>k2</c>, <c>o.k3</c> and the long field <c>n</c>.</summary>
    public static FieldMapping TypedMapping { get; } = FieldMapping.FromElasticsearchMapping(
        JsonNode.Parse("""{"k1": "keyword", "k2": "keyword", "o.k3": "keyword", "n": "long"}""")!);

    private static readonly Gen<string> SmallText = Gen.Char["ab"].Array[1, 3].Select(chars => new string(chars));

    private static readonly Gen<string> Digits = Gen.Char["0123456789"].Array[1, 2].Select(chars => new string(chars));

    private static readonly Gen<KqlField> KeywordField = Gen.OneOf(
        KqlField.Named("k1"), KqlField.Named("k2"), KqlField.Named("o.k3"), KqlField.Matching(new WildcardText(["k", ""])));

    private static readonly Gen<KqlNode> KeywordLeaf = Gen.Frequency<KqlNode>(
        (3, Gen.Select(KeywordField, SmallText, (field, text) => (KqlNode)new KqlIs(field, KqlValue.Unquoted(text)))),
        (2, Gen.Select(KeywordField, Gen.Char["ab"].Array[0, 3].Select(chars => new string(chars)),
            (field, text) => (KqlNode)new KqlIs(field, KqlValue.Quoted(text)))),
        (2, Gen.Select(KeywordField, Gen.Char["ab"].Array[0, 2].Array[2, 4],
            (field, segments) => (KqlNode)new KqlIs(field, KqlValue.Wildcard(new WildcardText(segments.Select(s => new string(s)).ToArray()))))),
        (1, KeywordField.Select(field => (KqlNode)new KqlExists(field))),
        (2, Gen.Select(KeywordField, Gen.Enum<KqlRangeOperator>(), SmallText,
            (field, op, text) => (KqlNode)new KqlRange(field, op, KqlValue.Unquoted(text)))));

    private static readonly Gen<KqlNode> NumberLeaf = Gen.Frequency<KqlNode>(
        (2, Digits.Select(digits => (KqlNode)new KqlIs(KqlField.Named("n"), KqlValue.Unquoted(digits)))),
        (1, Gen.Const<KqlNode>(new KqlExists(KqlField.Named("n")))),
        (2, Gen.Select(Gen.Enum<KqlRangeOperator>(), Digits,
            (op, digits) => (KqlNode)new KqlRange(KqlField.Named("n"), op, KqlValue.Unquoted(digits)))));

    private static Gen<KqlNode> TypedQueryOfDepth(int depth)
    {
        var leaf = Gen.Frequency((3, KeywordLeaf), (1, NumberLeaf));
        if (depth == 0)
        {
            return leaf;
        }

        var child = TypedQueryOfDepth(depth - 1);
        return Gen.Frequency<KqlNode>(
            (3, leaf),
            (1, child.Array[2, 3].Select(operands => (KqlNode)new KqlAnd(operands))),
            (1, child.Array[2, 3].Select(operands => (KqlNode)new KqlOr(operands))),
            (1, child.Select(operand => (KqlNode)new KqlNot(operand))));
    }

    /// <summary>Documents for <see cref="TypedMapping"/>: missing, null, single and array values, dotted or nested keys.</summary>
    public static Gen<JsonObject> TypedDocument => Gen.Select(
        KeywordValues, KeywordValues, KeywordValues, Gen.Bool, NumberValues,
        (k1, k2, k3, dottedKey, n) =>
        {
            var document = new JsonObject();
            Add(document, "k1", k1);
            Add(document, "k2", k2);
            if (dottedKey)
            {
                Add(document, "o.k3", k3);
            }
            else if (k3 is not null)
            {
                document["o"] = new JsonObject { ["k3"] = k3.Value };
            }

            Add(document, "n", n);
            return document;
        });

    private static Gen<Holder?> KeywordValues => Gen.Frequency<Holder?>(
        (1, Gen.Const(default(Holder))),
        (1, Gen.Const<Holder?>(new Holder(null))),
        (3, Gen.Char["ab"].Array[0, 3].Select(chars => (Holder?)new Holder(JsonValue.Create(new string(chars))))),
        (2, Gen.Char["ab"].Array[0, 3].Select(chars => (JsonNode?)JsonValue.Create(new string(chars))).Array[0, 3]
            .Select(values => (Holder?)new Holder(new JsonArray(values)))));

    private static Gen<Holder?> NumberValues => Gen.Frequency<Holder?>(
        (1, Gen.Const(default(Holder))),
        (3, Gen.Int[0, 120].Select(i => (Holder?)new Holder(JsonValue.Create(i)))),
        (1, Gen.Int[0, 120].Select(i => (Holder?)new Holder(JsonValue.Create(i.ToString(System.Globalization.CultureInfo.InvariantCulture))))),
        (2, Gen.Int[0, 120].Select(i => (JsonNode?)JsonValue.Create(i)).Array[0, 3].Select(values => (Holder?)new Holder(new JsonArray(values)))));

    private static void Add(JsonObject document, string key, Holder? holder)
    {
        if (holder is not null)
        {
            document[key] = holder.Value?.DeepClone();
        }
    }

    /// <summary>A present JSON value (possibly null), to tell it apart from a missing key.</summary>
    private sealed record Holder(JsonNode? Value);
}
