using System.Buffers;
using Vigil.Detect.Kql.Compilation;

namespace Vigil.Detect.Kql;

/// <summary>
/// Finds text that a document must contain for a query to match it, so that callers can skip raw
/// records whose bytes contain none of it before parsing and mapping them.
/// </summary>
/// <remarks>
/// The analysis is conservative: it returns a set only when every matching document contains, in
/// one of the given verbatim fields, a string containing one of its literals. It reads exact values on
/// keyword-like fields (flattened key paths included) and the longest segment of a wildcard on
/// case-sensitive keyword fields. Anything else (<c>not</c>,
/// ranges, exists, nested queries, field patterns, free text, analyzed, numeric or query_string
/// wildcard fields) leaves the query unconstrained. A literal made only of characters that a JSON
/// number or boolean can contain is dropped, because a keyword field also indexes numbers and
/// booleans, as text this analysis does not check.
/// </remarks>
public static class KqlRequiredLiterals
{
    // Digits, sign, point and exponent of a JSON number, and the letters of true and false.
    private static readonly SearchValues<char> ScalarCharacters = SearchValues.Create("0123456789+-.eEtrufals");

    /// <summary>
    /// Returns the literals one of which is a substring of a value of one of
    /// the fields <paramref name="isVerbatim"/> accepts in every document matching <paramref name="query"/>.
    /// Returns null when the query demands no such text, and never an empty set.
    /// </summary>
    /// <param name="query">The parsed query.</param>
    /// <param name="mapping">The field mapping the query is compiled against.</param>
    /// <param name="isVerbatim">
    /// Accepts the fields whose string values are copied unchanged from the raw input, so that a
    /// literal in them is also in the input's text once JSON escapes are decoded.
    /// </param>
    /// <example>
    /// For <c>user.name: BedrockAPIKey-* and not event.provider: bedrock.amazonaws.com</c> the result
    /// is { BedrockAPIKey- }. For <c>user.name: (alice or bob*)</c> it is { alice, bob }.
    /// </example>
    public static IReadOnlySet<string>? For(KqlNode query, FieldMapping mapping, Func<string, bool> isVerbatim)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(isVerbatim);

        return new Analysis(mapping, isVerbatim).Visit(query);
    }

    private sealed class Analysis(FieldMapping mapping, Func<string, bool> isVerbatim)
    {
        public HashSet<string>? Visit(KqlNode node) => node switch
        {
            KqlIs leaf => FromLeaf(leaf),
            KqlAnd and => Strongest(and.Operands),
            KqlOr or => Union(or.Operands),
            _ => null,
        };

        private HashSet<string>? FromLeaf(KqlIs leaf)
        {
            if (leaf.Field.IsPattern || leaf.Field.Name is not { } name || !isVerbatim(name))
            {
                return null;
            }

            var resolved = ResolvedField.Resolve(mapping, name);
            if (resolved.ValuePath != name)
            {
                return null;
            }

            var literal = LiteralOf(leaf.Value, resolved.Type);
            return literal is not null && IsDistinctive(literal)
                ? new HashSet<string>(StringComparer.Ordinal) { literal }
                : null;
        }

        /// <summary>
        /// Returns the text a matching value contains: the whole value of a term query on a keyword-like
        /// type, or the longest segment of a wildcard query on a keyword field. A wildcard on the other
        /// keyword-like types becomes a query_string that splits at whitespace, so it gives nothing.
        /// A flattened field indexes each leaf as a keyword, so a term query on it matches whole leaves.
        /// </summary>
        private static string? LiteralOf(KqlValue value, FieldType type) => value.Kind switch
        {
            KqlValueKind.Text or KqlValueKind.Quoted when type is FieldType.Keyword or FieldType.Wildcard or FieldType.String or FieldType.Flattened => value.Text,
            KqlValueKind.Wildcard when type is FieldType.Keyword => value.Pattern!.Segments.MaxBy(segment => segment.Length),
            _ => null,
        };

        private static bool IsDistinctive(string literal) => literal.AsSpan().IndexOfAnyExcept(ScalarCharacters) >= 0;

        /// <summary>
        /// Picks one operand's literals, since each operand's are required. The best set is the one
        /// whose shortest literal is longest, then the one with fewer literals.
        /// </summary>
        private HashSet<string>? Strongest(IReadOnlyList<KqlNode> operands)
        {
            HashSet<string>? best = null;
            foreach (var operand in operands)
            {
                var literals = Visit(operand);
                if (literals is not null && (best is null || IsStronger(literals, best)))
                {
                    best = literals;
                }
            }

            return best;
        }

        private static bool IsStronger(HashSet<string> candidate, HashSet<string> current)
        {
            var candidateLength = candidate.Min(literal => literal.Length);
            var currentLength = current.Min(literal => literal.Length);
            return candidateLength != currentLength ? candidateLength > currentLength : candidate.Count < current.Count;
        }

        private HashSet<string>? Union(IReadOnlyList<KqlNode> operands)
        {
            var result = new HashSet<string>(StringComparer.Ordinal);
            foreach (var operand in operands)
            {
                if (Visit(operand) is not { } literals)
                {
                    return null;
                }

                result.UnionWith(literals);
            }

            return result;
        }
    }
}
