namespace Vigil.Detect.Kql;

/// <summary>
/// The field of a KQL expression: a name, a name pattern containing unescaped <c>*</c> wildcards, or
/// <see cref="None"/> for free text.
/// </summary>
public sealed record KqlField
{
    private KqlField(string? name, WildcardText? pattern)
    {
        Name = name;
        Pattern = pattern;
    }

    /// <summary>No field: the expression searches every field (free text).</summary>
    public static KqlField None { get; } = new(null, null);

    /// <summary>The field name; for a pattern, its text with every star (wildcard or literal) as <c>*</c>.</summary>
    public string? Name { get; }

    /// <summary>The name pattern, or null when the name contains no wildcard.</summary>
    public WildcardText? Pattern { get; }

    /// <summary>True for <see cref="None"/>.</summary>
    public bool IsNone => Name is null;

    /// <summary>True when the name is a pattern such as <c>host.*</c>.</summary>
    public bool IsPattern => Pattern is not null;

    /// <summary>True when the name is a single wildcard (<c>*</c>), which matches every field.</summary>
    public bool IsLoneWildcard => Pattern?.IsLoneWildcard == true;

    /// <summary>Creates a plain field name.</summary>
    public static KqlField Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new KqlField(name, null);
    }

    /// <summary>Creates a field name pattern.</summary>
    public static KqlField Matching(WildcardText pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return new KqlField(pattern.ToPlainText(), pattern);
    }

    /// <inheritdoc/>
    public bool Equals(KqlField? other) =>
        other is not null && Name == other.Name && Equals(Pattern, other.Pattern);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Pattern);
}
