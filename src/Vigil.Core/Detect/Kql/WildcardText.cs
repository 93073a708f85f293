using System.Text;

namespace Vigil.Detect.Kql;

/// <summary>
/// A glob pattern from a KQL query: literal segments separated by wildcards. Only an unescaped
/// <c>*</c> is a wildcard (any run of characters, including none); an escaped <c>\*</c> stays a
/// literal star inside its segment, and <c>?</c> is an ordinary character.
/// </summary>
public sealed class WildcardText : IEquatable<WildcardText>
{
    /// <summary>Creates a pattern from its segments; a pattern of n segments has n - 1 wildcards.</summary>
    public WildcardText(IReadOnlyList<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count < 2)
        {
            throw new ArgumentException("A wildcard pattern needs at least two segments (one wildcard).", nameof(segments));
        }

        Segments = segments;
    }

    /// <summary>The literal text between wildcards, in order; may be empty strings.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>True for the pattern <c>*</c> alone.</summary>
    public bool IsLoneWildcard => Segments.Count == 2 && Segments[0].Length == 0 && Segments[1].Length == 0;

    /// <summary>Returns the segments joined with <c>*</c>, losing the literal/wildcard distinction.</summary>
    public string ToPlainText() => string.Join('*', Segments);

    /// <summary>
    /// Returns the pattern with <c>*</c> for a wildcard, <c>\*</c> for a literal star and <c>\\</c>
    /// for a literal backslash.
    /// </summary>
    public string ToEscapedText()
    {
        var builder = new StringBuilder();
        for (var i = 0; i < Segments.Count; i++)
        {
            if (i > 0)
            {
                builder.Append('*');
            }

            foreach (var c in Segments[i])
            {
                if (c is '*' or '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <inheritdoc/>
    public bool Equals(WildcardText? other) => other is not null && Segments.SequenceEqual(other.Segments);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WildcardText);

    /// <inheritdoc/>
    public override int GetHashCode() => ToEscapedText().GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => ToEscapedText();
}
