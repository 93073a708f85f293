namespace Vigil.Detect.Rules.Validation;

/// <summary>The text of a rule's source file, to place problems found after loading.</summary>
internal sealed class RuleSource
{
    private readonly string _file;
    private readonly string? _text;
    private readonly int? _line;

    private RuleSource(string file, string? text, int? line = null)
    {
        _file = file;
        _text = text;
        _line = line;
    }

    /// <summary>Reads the rule's TOML or docs-page source file. A built-in rule, a JSON file or an unreadable file gives no positions.</summary>
    public static RuleSource Read(DetectionRule rule)
    {
        if (rule.SourcePath is not { } path)
        {
            return new RuleSource("<built-in>", null);
        }

        if (rule.SourceLine is { } line)
        {
            return new RuleSource(path, null, line);
        }

        try
        {
            var hasPositions = path.EndsWith(".toml", StringComparison.OrdinalIgnoreCase) || RuleFiles.IsDocsPage(path);
            return new RuleSource(path, hasPositions ? System.IO.File.ReadAllText(path) : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RuleSource(path, null);
        }
    }

    /// <summary>The file path, or <c>&lt;built-in&gt;</c>.</summary>
    public string File => _file;

    /// <summary>Returns the file position of a query offset, or null without TOML or docs-page source text.</summary>
    public (int Line, int Column)? LocateQuery(int queryOffset)
    {
        if (_text is null)
        {
            return Line;
        }

        var locator = RuleFiles.IsDocsPage(_file) ? Formats.DocsPageMarkdown.LocateQuery(_text) : QueryLocator.ForToml(_text);
        return locator?.Locate(queryOffset);
    }

    /// <summary>Returns the file position of a field, such as <c>rule.from</c>, or null.</summary>
    public (int Line, int Column)? LocateField(string fieldPath) =>
        _text is null || RuleFiles.IsDocsPage(_file) ? Line : TomlKeyPositions.Build(_text, _file).Find(fieldPath);

    /// <summary>The start of the rule's NDJSON line, the closest position such a rule has.</summary>
    private (int Line, int Column)? Line => _line is { } line ? (line, 1) : null;

    public RuleLoadError ToError(string fieldPath, int? queryOffset, string message)
    {
        var position = queryOffset is { } offset ? LocateQuery(offset) : LocateField(fieldPath);
        return new RuleLoadError(_file, position?.Line, position?.Column, message);
    }
}
