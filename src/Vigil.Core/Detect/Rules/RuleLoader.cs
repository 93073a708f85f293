using System.Diagnostics.CodeAnalysis;
using Tomlyn;
using Tomlyn.Model;

namespace Vigil.Detect.Rules;

/// <summary>Loads detection rules from detection-rules TOML files and Kibana rule JSON or <c>_export</c> NDJSON.</summary>
/// <remarks>
/// The layout is the one of Elastic's detection-rules repository: <c>[metadata]</c>, <c>[rule]</c>,
/// <c>[[rule.threat]]</c> with <c>[rule.threat.tactic]</c>, <c>[[rule.threat.technique]]</c> and
/// <c>[[rule.threat.technique.subtechnique]]</c>. A <c>version</c> key in <c>[rule]</c> is read
/// when present (detection-rules keeps versions in a lock file instead).
/// </remarks>
public static class RuleLoader
{
    private const string NoFileName = "<built-in>";

    /// <summary>
    /// Loads every <c>*.toml</c> and <c>*.ndjson</c> file named in <paramref name="paths"/>, and
    /// <c>*.json</c> files named directly, searching folders
    /// recursively, in ordinal path order. A named pipe, socket or device found in a folder is
    /// skipped with a warning. A file that fails to load adds its errors and no rule,
    /// and never stops the other files. A rule whose saved-object <c>id</c> an earlier rule with
    /// another <c>rule_id</c> has is left out with an error.
    /// </summary>
    public static RuleLoadResult LoadPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);

        var rules = new List<DetectionRule>();
        var errors = new List<RuleLoadError>();
        var warnings = new List<RuleWarning>();
        var files = RuleFiles.Find(paths, errors, warnings);
        var failedTomlFiles = 0;
        foreach (var file in files)
        {
            var before = rules.Count;
            LoadFile(file, rules, errors);

            // A detection-rules TOML file contains one rule, so one that failed still counts as a rule read.
            failedTomlFiles += rules.Count == before && file.EndsWith(".toml", StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        var distinct = SharedRuleUuids.Remove(rules, errors);
        return new RuleLoadResult(distinct, errors) { Warnings = warnings, RuleCount = rules.Count + failedTomlFiles, FileCount = files.Count };
    }

    /// <summary>
    /// Parses one rule from TOML text. Returns false, with at least one error, when the text is not
    /// valid TOML or not a valid rule.
    /// </summary>
    /// <param name="text">The TOML text.</param>
    /// <param name="sourcePath">The file the text came from, or null for a built-in rule.</param>
    /// <param name="rule">The rule, when the result is true.</param>
    /// <param name="errors">The errors, empty when the result is true.</param>
    public static bool TryParseToml(
        string text,
        string? sourcePath,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DetectionRule? rule,
        out IReadOnlyList<RuleLoadError> errors)
    {
        ArgumentNullException.ThrowIfNull(text);

        rule = null;
        var file = sourcePath ?? NoFileName;
        if (!TryParseDocument(text, file, out var document, out var syntaxError))
        {
            errors = [syntaxError];
            Count(loaded: false);
            return false;
        }

        var sink = new RuleErrorSink(file, () => TomlKeyPositions.Build(text, sourcePath));
        rule = TomlRuleReader.Read(document, sourcePath, sink);
        errors = sink.Errors;
        Count(rule is not null);
        return rule is not null;
    }

    /// <summary>Parses one rule from TOML text.</summary>
    /// <exception cref="FormatException">The text is not valid TOML or not a valid rule; the message lists every error.</exception>
    public static DetectionRule ParseToml(string text, string? sourcePath)
    {
        if (TryParseToml(text, sourcePath, out var rule, out var errors))
        {
            return rule;
        }

        throw new FormatException(string.Join(Environment.NewLine, errors));
    }

    // Above any rule export we expect (an estimate: Elastic's prebuilt rules are about 1,500 of a few
    // kilobytes each), and low enough that a path such as /dev/zero is an error, not a crash.
    private const int MaxRuleFileChars = 64 * 1024 * 1024;

    // A detection-rules TOML file contains one rule of a few kilobytes. The TOML parser takes about 300
    // bytes of memory per character (6 MB of "a=1" lines took 1.9 GB), so its files have a lower limit.
    private const int MaxTomlFileChars = 2 * 1024 * 1024;

    /// <summary>Returns the maximum number of characters for a rule file of this name.</summary>
    private static int MaxChars(string file) => file.EndsWith(".toml", StringComparison.OrdinalIgnoreCase) ? MaxTomlFileChars : MaxRuleFileChars;

    private static void LoadFile(string file, List<DetectionRule> rules, List<RuleLoadError> errors)
    {
        string? text;
        var lineErrors = new List<RuleLoadError>();
        try
        {
            text = RuleFileText.Read(file, MaxChars(file), byLine: RuleFiles.IsKibanaJson(file), out var encodingError, lineErrors);
            if (encodingError is not null)
            {
                errors.Add(encodingError);
                Count(loaded: false);
                return;
            }
        }
        catch (UnauthorizedAccessException)
        {
            errors.Add(new RuleLoadError(file, null, null, UnreadableFileError) { IsUnreadable = true });
            Count(loaded: false);
            return;
        }
        catch (IOException e)
        {
            errors.Add(new RuleLoadError(file, null, null, $"failed to read the rule file: {e.Message}") { IsUnreadable = true });
            Count(loaded: false);
            return;
        }

        if (text is null)
        {
            errors.Add(new RuleLoadError(file, null, null, $"the rule file is larger than {MaxChars(file) / (1024 * 1024)} Mi characters, so it is not read; split it into several files"));
            Count(loaded: false);
            return;
        }

        // Every format gives the same error, so an empty JSON file fails as an empty TOML file
        // does instead of adding no rule without a word.
        if (string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')))
        {
            errors.Add(new RuleLoadError(file, null, null, EmptyFileError));
            Count(loaded: false);
            return;
        }

        if (RuleFiles.IsDocsPage(file))
        {
            var loaded = Formats.DocsPageMarkdown.TryRead(text, file, out var pageRule, out var pageErrors);
            if (loaded)
            {
                rules.Add(pageRule!);
            }

            errors.AddRange(pageErrors);
            Count(loaded);
            return;
        }

        if (RuleFiles.IsKibanaJson(file))
        {
            var read = Formats.KibanaNdjson.Read(text, file);
            rules.AddRange(read.Rules);
            errors.AddRange(lineErrors.Concat(read.Errors).OrderBy(error => error.Line));
            Count(read.Errors.Count == 0 && lineErrors.Count == 0);
            return;
        }

        if (TryParseToml(text, file, out var rule, out var fileErrors))
        {
            rules.Add(rule);
        }
        else
        {
            errors.AddRange(fileErrors);
        }
    }

    private const string UnreadableFileError =
        "permission denied: this user cannot read the rule file. Run the command as a user who can read it, or give this user read permission on it";

    private const string EmptyFileError =
        "the rule file is empty: expected a detection-rules rule (TOML), a Kibana rule (JSON) or a Kibana export (NDJSON); add the rule or remove the file";

    private static void Count(bool loaded) =>
        (loaded ? RuleMetrics.RulesLoaded : RuleMetrics.RulesFailed).Add(1);

    // Tomlyn's generated serializer would avoid the warnings, but it wraps syntax errors in a
    // message without their position.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The target is TomlTable, Tomlyn's own model, which needs no reflection over other types; rules load and write the same in a native build.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "The target is TomlTable, Tomlyn's own model, which needs no reflection over other types; rules load and write the same in a native build.")]
    private static bool TryParseDocument(string text, string file, out TomlTable document, out RuleLoadError error)
    {
        try
        {
            document = TomlSerializer.Deserialize<TomlTable>(text)!;
            return !HasSemanticError(text, file, out error);
        }
        catch (TomlException e)
        {
            document = null!;
            error = new RuleLoadError(file, e.Line, e.Column, $"invalid TOML: {Describe(e)}; fix the syntax at this position");
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            // NOTE: Tomlyn 2.11.1 throws this, in place of a TomlException, when the text ends
            // right after a backslash inside a string, because it formats the end-of-file marker
            // as a character for its error message.
            document = null!;
            error = new RuleLoadError(file, null, null, "invalid TOML: the text ends inside a string escape; close the string or remove the trailing backslash");
            return false;
        }
    }

    /// <summary>
    /// Finds what Tomlyn's deserializer lets through, such as a key given twice (it keeps the last
    /// value), which TOML 1.0 and detection-rules' own loader reject.
    /// </summary>
    private static bool HasSemanticError(string text, string file, out RuleLoadError error)
    {
        var syntax = Tomlyn.Parsing.SyntaxParser.Parse(text, file, validate: true);
        var first = syntax.Diagnostics.FirstOrDefault(diagnostic => diagnostic.Kind == Tomlyn.Syntax.DiagnosticMessageKind.Error);
        error = first is null
            ? null!
            : new RuleLoadError(file, first.Span.Start.Line + 1, first.Span.Start.Column + 1, $"invalid TOML: {first.Message.TrimEnd('.')}; give each key once");
        return first is not null;
    }

    /// <summary>Returns Tomlyn's first diagnostic without its position, which the error carries separately.</summary>
    private static string Describe(TomlException exception)
    {
        var message = exception.Diagnostics is { Count: > 0 } diagnostics
            ? diagnostics[0].Message
            : exception.Message;

        var end = message.IndexOf('\n');
        var first = (end < 0 ? message : message[..end]).TrimEnd('\r', '.');

        // Tomlyn's depth message asks the caller to change its parser options, which a rule author cannot do.
        return first.Contains("MaxDepth", StringComparison.Ordinal)
            ? "tables or arrays are nested too deeply; a rule needs only a few levels"
            : first;
    }
}
