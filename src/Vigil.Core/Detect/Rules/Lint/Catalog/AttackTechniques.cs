using System.Collections.Frozen;

namespace Vigil.Detect.Rules.Lint.Catalog;

/// <summary>
/// The techniques and sub-techniques of MITRE ATT&amp;CK Enterprise: id, name and the tactics each
/// belongs to, generated from the ATT&amp;CK data that pySigma ships.
/// </summary>
internal static partial class AttackTechniques
{
    private static readonly Lazy<FrozenDictionary<string, AttackTechnique>> Data = new(Parse);

    /// <summary>The ATT&amp;CK release the techniques come from, such as <c>18.0</c>.</summary>
    public static string AttackVersion => AttackVersionText;

    /// <summary>Returns the technique or sub-technique with <paramref name="id"/>, or null when ATT&amp;CK has none.</summary>
    public static AttackTechnique? Find(string id) => Data.Value.GetValueOrDefault(id);

    /// <summary>Returns the ids of the techniques (or, with a parent id, the sub-techniques of it) named <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> IdsNamed(string name, string? parentId = null) =>
        Data.Value.Values
            .Where(technique => technique.Name == name && technique.ParentId == parentId)
            .Select(technique => technique.Id)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static FrozenDictionary<string, AttackTechnique> Parse() =>
        TechniquesData.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 3))
            .Select(parts => new AttackTechnique(parts[0], parts[2], parts[1].Split(',')))
            .ToFrozenDictionary(technique => technique.Id, StringComparer.Ordinal);
}
