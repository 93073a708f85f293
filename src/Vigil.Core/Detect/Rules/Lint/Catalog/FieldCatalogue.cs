using System.Collections.Frozen;
using Vigil.Detect.Kql;

namespace Vigil.Detect.Rules.Lint.Catalog;

/// <summary>
/// The fields of Elastic's CloudTrail data stream with their Elasticsearch types: every ECS field
/// plus the fields the AWS integration adds, generated from ECS's field list and the integration's
/// <c>fields.yml</c> files.
/// </summary>
/// <remarks>
/// Any key path below a <c>flattened</c> field, or below an <c>object</c> field without catalogued
/// sub-fields (<c>labels</c>, <c>container.labels</c>), is a valid field too, because those fields
/// take keys that are not known in advance.
/// </remarks>
internal static partial class FieldCatalogue
{
    private static readonly Lazy<Catalogue> Data = new(Catalogue.Parse);

    /// <summary>The ECS release the ECS fields come from.</summary>
    public static string EcsVersion => EcsVersionText;

    /// <summary>Returns every catalogued field name.</summary>
    public static IReadOnlyCollection<string> Names => Data.Value.Types.Keys;

    /// <summary>Returns the Elasticsearch type name of a catalogued field, such as <c>keyword</c>; null when not catalogued.</summary>
    public static string? TypeName(string field) => Data.Value.Types.GetValueOrDefault(field);

    /// <summary>Returns the type of a catalogued field, or null when it is not catalogued or Vigil has no <see cref="FieldType"/> for it (<c>geo_point</c>).</summary>
    public static FieldType? TypeOf(string field) =>
        TypeName(field) is { } name && Enum.TryParse<FieldType>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var type)
            ? type
            : null;

    /// <summary>Returns the flattened or open object field that <paramref name="field"/> is a key path of, or null.</summary>
    public static string? OpenContainerOf(string field)
    {
        for (var dot = field.LastIndexOf('.'); dot > 0; dot = field.LastIndexOf('.', dot - 1))
        {
            var container = field[..dot];
            if (TypeName(container) is "flattened" || (TypeName(container) is "object" && !IsObjectPath(container)))
            {
                return container;
            }
        }

        return null;
    }

    /// <summary>True when catalogued fields sit below <paramref name="field"/>, so it is an object such as <c>aws.cloudtrail</c>.</summary>
    public static bool IsObjectPath(string field) => Data.Value.ObjectPaths.Contains(field);

    /// <summary>True when <paramref name="field"/> is catalogued or a key path of a flattened or open object field.</summary>
    public static bool IsKnown(string field) => TypeName(field) is not null || OpenContainerOf(field) is not null;

    private sealed record Catalogue(FrozenDictionary<string, string> Types, FrozenSet<string> ObjectPaths)
    {
        public static Catalogue Parse()
        {
            var types = FieldsData.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(' ', 2))
                .ToFrozenDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
            var objectPaths = types.Keys.SelectMany(ParentPaths).ToFrozenSet(StringComparer.Ordinal);

            return new Catalogue(types, objectPaths);
        }

        private static IEnumerable<string> ParentPaths(string name)
        {
            for (var dot = name.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = name.IndexOf('.', dot + 1))
            {
                yield return name[..dot];
            }
        }
    }
}
