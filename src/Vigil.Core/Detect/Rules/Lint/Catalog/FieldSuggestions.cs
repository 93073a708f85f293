namespace Vigil.Detect.Rules.Lint.Catalog;

/// <summary>Catalogued fields to suggest for a field the catalogue does not have.</summary>
internal static class FieldSuggestions
{
    private const string FlattenedSegment = ".flattened.";

    /// <summary>The largest edit distance of a suggestion: a few typos, not another field of the same object.</summary>
    private const int MaxDistance = 4;

    /// <summary>
    /// Returns the key path in the integration's flattened copy of a CloudTrail object when the field
    /// names a key of that object. Otherwise returns the catalogued names nearest by edit distance,
    /// all at the same distance, or none when no name is near.
    /// </summary>
    public static IReadOnlyList<string> For(string field)
    {
        if (FlattenedKeyPath(field) is { } keyPath)
        {
            return [keyPath];
        }

        var nearest = EditDistance.Nearest(field, FieldCatalogue.Names);
        var best = nearest.Select(name => EditDistance.Distance(field, name, MaxDistance)).DefaultIfEmpty(MaxDistance + 1).Min();
        return nearest.Where(name => EditDistance.Distance(field, name, MaxDistance) == best && best <= MaxDistance).ToList();
    }

    /// <summary>Returns the fix text for an unknown field: the suggestions, or where to look when there are none.</summary>
    public static string Fix(string field, IReadOnlyList<string> nearest)
    {
        if (nearest.Count > 0)
        {
            return $"did you mean {string.Join(" or ", nearest)}?";
        }

        return FieldCatalogue.IsObjectPath(field)
            ? $"name a field below it, such as {FieldCatalogue.Names.Where(name => name.StartsWith(field + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First()}"
            : "check the field name against ECS and the AWS integration's fields, or add the field to the mapping";
    }

    /// <summary>
    /// Maps a key of a CloudTrail object written below the object's own name, such as
    /// <c>aws.cloudtrail.additionalEventData.inputTokens</c> or <c>aws.cloudtrail.request_parameters.roleArn</c>,
    /// to the flattened field that contains it: <c>aws.cloudtrail.flattened.additional_eventdata.inputTokens</c>.
    /// The integration keeps those objects as one string field and as a flattened field, so only the
    /// flattened one has sub-fields.
    /// </summary>
    private static string? FlattenedKeyPath(string field)
    {
        foreach (var root in FieldCatalogue.Names.Where(name => FieldCatalogue.TypeName(name) == "flattened"))
        {
            var split = root.IndexOf(FlattenedSegment, StringComparison.Ordinal);
            if (split < 0)
            {
                continue;
            }

            var parent = root[..(split + 1)];
            var objectName = root[(split + FlattenedSegment.Length)..];
            if (!field.StartsWith(parent, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = field[parent.Length..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && Normalize(rest[..dot]) == Normalize(objectName))
            {
                return root + rest[dot..];
            }
        }

        return null;
    }

    /// <summary>Lower-cases a name and drops its underscores, so <c>additionalEventData</c> equals <c>additional_eventdata</c>.</summary>
    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
