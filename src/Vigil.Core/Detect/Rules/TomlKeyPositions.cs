using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Vigil.Detect.Rules;

/// <summary>
/// The 1-based line and column of each key and table header of a TOML text, by dotted path
/// (<c>rule.risk_score</c>), so errors found after parsing can point at the source.
/// </summary>
/// <remarks>For keys inside arrays of tables, the first occurrence is kept.</remarks>
internal sealed class TomlKeyPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public static TomlKeyPositions Build(string text, string? sourcePath)
    {
        var positions = new TomlKeyPositions();
        var document = SyntaxParser.Parse(text, sourcePath ?? "", validate: false);

        positions.AddKeyValues("", document.KeyValues);
        foreach (var table in document.Tables)
        {
            var tableName = KeyText(table.Name);
            positions.Add(tableName, table.Span.Start);
            positions.AddKeyValues(tableName + ".", table.Items);
        }

        return positions;
    }

    /// <summary>Returns the position of <paramref name="path"/>, or of its nearest enclosing table, or null.</summary>
    public (int Line, int Column)? Find(string path)
    {
        for (var candidate = path; candidate.Length > 0; candidate = Parent(candidate))
        {
            if (_positions.TryGetValue(candidate, out var position))
            {
                return position;
            }
        }

        return null;
    }

    private void AddKeyValues(string prefix, SyntaxList<KeyValueSyntax> keyValues)
    {
        foreach (var keyValue in keyValues)
        {
            Add(prefix + KeyText(keyValue.Key), keyValue.Span.Start);
        }
    }

    private void Add(string path, TextPosition start) =>
        _positions.TryAdd(path, (start.Line + 1, start.Column + 1));

    private static string KeyText(KeySyntax? key) =>
        key is null ? "" : string.Join('.', key.ToString().Split('.', StringSplitOptions.TrimEntries));

    private static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }
}
