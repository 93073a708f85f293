using System.Text.RegularExpressions;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Vigil.Detect.Rules;

/// <summary>
/// The 1-based line and column of each key and table header of a TOML text, by dotted path, so
/// errors found after parsing can point at the source. Entries of arrays of tables carry their
/// position in the path: <c>rule.threat[1].tactic.reference</c>.
/// </summary>
internal sealed partial class TomlKeyPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    /// <summary>The indexed path of the latest entry of each array of tables, by header name.</summary>
    private readonly Dictionary<string, string> _currentEntries = new(StringComparer.Ordinal);

    private readonly Dictionary<string, int> _entryCounts = new(StringComparer.Ordinal);

    /// <summary>Returns positions for a rule without TOML text, such as one read from JSON.</summary>
    public static TomlKeyPositions Empty() => new();

    public static TomlKeyPositions Build(string text, string? sourcePath)
    {
        var positions = new TomlKeyPositions();
        var document = SyntaxParser.Parse(text, sourcePath ?? "", validate: false);

        positions.AddKeyValues("", document.KeyValues);
        foreach (var table in document.Tables)
        {
            var tablePath = positions.IndexedPath(KeyText(table.Name), table is TableArraySyntax);
            positions.Add(tablePath, table.Span.Start);
            positions.AddKeyValues(tablePath + ".", table.Items);
        }

        return positions;
    }

    /// <summary>Removes array positions from a path: <c>rule.threat[1].tactic</c> becomes <c>rule.threat.tactic</c>.</summary>
    public static string WithoutIndexes(string path) => ArrayIndex().Replace(path, "");

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

    /// <summary>
    /// Returns the indexed path of a table header. A header inside an array-of-tables entry belongs
    /// to that array's latest entry, and an <c>[[array]]</c> header starts the next entry.
    /// </summary>
    private string IndexedPath(string headerName, bool isArrayEntry)
    {
        var path = IndexEnclosingEntries(headerName);
        if (!isArrayEntry)
        {
            return path;
        }

        var index = _entryCounts.GetValueOrDefault(path);
        _entryCounts[path] = index + 1;

        var entryPath = $"{path}[{index}]";
        _currentEntries[headerName] = entryPath;
        return entryPath;
    }

    private string IndexEnclosingEntries(string headerName)
    {
        for (var prefix = Parent(headerName); prefix.Length > 0; prefix = Parent(prefix))
        {
            if (_currentEntries.TryGetValue(prefix, out var entryPath))
            {
                return entryPath + headerName[prefix.Length..];
            }
        }

        return headerName;
    }

    private void AddKeyValues(string prefix, SyntaxList<KeyValueSyntax> keyValues)
    {
        foreach (var keyValue in keyValues)
        {
            Add(prefix + KeyText(keyValue.Key), keyValue.Span.Start);
        }
    }

    /// <summary>Records the 1-based position of a field path found in a format other than TOML.</summary>
    public void Add(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    private void Add(string path, TextPosition start) =>
        _positions.TryAdd(path, (start.Line + 1, start.Column + 1));

    private static string KeyText(KeySyntax? key) =>
        key is null ? "" : string.Join('.', key.ToString().Split('.', StringSplitOptions.TrimEntries));

    private static string Parent(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    [GeneratedRegex(@"\[[0-9]+\]", RegexOptions.CultureInvariant)]
    private static partial Regex ArrayIndex();
}
