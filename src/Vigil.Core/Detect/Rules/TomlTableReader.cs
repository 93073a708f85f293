using System.Globalization;
using System.Text.Json.Nodes;
using Tomlyn.Model;

namespace Vigil.Detect.Rules;

/// <summary>
/// Reads typed values out of one TOML table, records an error naming the field, the value and the
/// fix for each value of the wrong type, and remembers which keys it read so the rest can be kept.
/// </summary>
internal sealed class TomlTableReader
{
    private readonly TomlTable _table;
    private readonly string _path;
    private readonly RuleErrorSink _errors;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public TomlTableReader(TomlTable table, string path, RuleErrorSink errors)
    {
        _table = table;
        _path = path;
        _errors = errors;
    }

    /// <summary>The table's path with array positions, such as <c>rule.threat[1].tactic</c>.</summary>
    public string Path => _path;

    /// <summary>The table's name as its TOML header spells it, such as <c>rule.threat.tactic</c>.</summary>
    public string HeaderName => TomlKeyPositions.WithoutIndexes(_path);

    public string FieldPath(string key) => _path.Length == 0 ? key : $"{_path}.{key}";

    public RuleErrorSink Errors => _errors;

    public bool Contains(string key) => _table.ContainsKey(key);

    /// <summary>The keys the table sets.</summary>
    public IReadOnlySet<string> Keys => _table.Keys.ToHashSet(StringComparer.Ordinal);

    public string? String(string key)
    {
        if (!TryRead(key, out var value))
        {
            return null;
        }

        if (value is string text)
        {
            return text;
        }

        Invalid(key, value, "expected a string; quote the value");
        return null;
    }

    /// <summary>Returns the value at <paramref name="key"/> of any type, or null when it is missing, and marks it read.</summary>
    public object? Value(string key) => TryRead(key, out var value) ? value : null;

    public string RequiredString(string key)
    {
        if (!_table.ContainsKey(key))
        {
            _errors.Add(FieldPath(key), $"missing required field {FieldPath(key)}: add {key} = \"...\" to the [{HeaderName}] table");
            return "";
        }

        var text = String(key) ?? "";
        if (text.Length == 0)
        {
            _errors.Add(FieldPath(key), $"invalid {FieldPath(key)} \"\": expected a non-empty string");
        }

        return text;
    }

    public IReadOnlyList<string> Strings(string key)
    {
        if (!TryRead(key, out var value))
        {
            return [];
        }

        if (value is TomlArray array && array.All(item => item is string))
        {
            return array.Cast<string>().ToList();
        }

        Invalid(key, value, $"expected an array of strings such as {key} = [\"a\", \"b\"]");
        return [];
    }

    /// <summary>Reads a string or an array of strings, because detection-rules accepts both for some metadata keys.</summary>
    public IReadOnlyList<string> StringOrStrings(string key) =>
        _table.TryGetValue(key, out var value) && value is string
            ? [String(key)!]
            : Strings(key);

    public int? Integer(string key, int minimum, int maximum)
    {
        if (!TryRead(key, out var value))
        {
            return null;
        }

        if (value is long number && number >= minimum && number <= maximum)
        {
            return (int)number;
        }

        Invalid(key, value, $"expected an integer from {minimum} to {maximum}");
        return null;
    }

    public bool? Boolean(string key)
    {
        if (!TryRead(key, out var value))
        {
            return null;
        }

        if (value is bool flag)
        {
            return flag;
        }

        Invalid(key, value, "expected true or false");
        return null;
    }

    public TomlTable? Table(string key)
    {
        if (!TryRead(key, out var value))
        {
            return null;
        }

        if (value is TomlTable table)
        {
            return table;
        }

        Invalid(key, value, $"expected a table; write it as [{TomlKeyPositions.WithoutIndexes(FieldPath(key))}]");
        return null;
    }

    public IReadOnlyList<TomlTable> Tables(string key)
    {
        if (!TryRead(key, out var value))
        {
            return [];
        }

        if (value is TomlTableArray tables)
        {
            return tables.ToList();
        }

        Invalid(key, value, $"expected an array of tables; write each entry as [[{TomlKeyPositions.WithoutIndexes(FieldPath(key))}]]");
        return [];
    }

    /// <summary>Returns a reader for each table of the array of tables at <paramref name="key"/>, its path indexed by position.</summary>
    public IReadOnlyList<TomlTableReader> TableReaders(string key) =>
        Tables(key).Select((table, index) => new TomlTableReader(table, $"{FieldPath(key)}[{index}]", _errors)).ToList();

    /// <summary>Returns the keys not read so far, as JSON, in file order.</summary>
    public Dictionary<string, JsonNode?> Unread()
    {
        var unread = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in _table)
        {
            if (!_read.Contains(key))
            {
                unread[key] = TomlJson.ToJson(value);
            }
        }

        return unread;
    }

    public void Invalid(string key, object? value, string expectation) =>
        _errors.Add(FieldPath(key), $"invalid {FieldPath(key)} {Describe(value)}: {expectation}");

    private bool TryRead(string key, out object? value)
    {
        _read.Add(key);
        return _table.TryGetValue(key, out value);
    }

    private static string Describe(object? value) => value switch
    {
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        long or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        TomlTable => "(a table)",
        TomlTableArray => "(an array of tables)",
        TomlArray => "(an array)",
        Tomlyn.TomlDateTime date => date.ToString(),
        _ => $"({value?.GetType().Name ?? "null"})",
    };
}
