using System.Collections.Frozen;

namespace Vigil.Detect.Rules.Lint.Catalog;

/// <summary>
/// The top-level names under which ECS defines fields, such as <c>event</c> and <c>user</c>. ECS
/// reserves them for its own fields, and the AWS integration adds its fields under <c>aws</c>, so
/// a field below them that ECS does not define is taken to exist in no AWS data stream.
/// </summary>
internal static class EcsNamespaces
{
    /// <summary>Top-level names of catalogued fields that the AWS integration adds, not ECS.</summary>
    private static readonly string[] IntegrationNames = ["aws", "input"];

    private static readonly Lazy<FrozenSet<string>> Names = new(() => FieldCatalogue.Names
        .Where(field => field.Contains('.', StringComparison.Ordinal))
        .Select(field => field[..field.IndexOf('.', StringComparison.Ordinal)])
        .Where(name => !IntegrationNames.Contains(name, StringComparer.Ordinal))
        .ToFrozenSet(StringComparer.Ordinal));

    /// <summary>True when <paramref name="field"/> sits below an ECS namespace, such as <c>event.acton</c>.</summary>
    public static bool Contains(string field)
    {
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && Names.Value.Contains(field[..dot]);
    }
}
