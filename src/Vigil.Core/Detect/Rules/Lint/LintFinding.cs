namespace Vigil.Detect.Rules.Lint;

/// <summary>One lint finding on one rule.</summary>
/// <param name="Id">The stable finding id, such as <c>VR001</c>; <see cref="LintIds"/> lists them.</param>
/// <param name="Severity">How serious the finding is.</param>
/// <param name="RuleId">The rule's <c>rule_id</c>.</param>
/// <param name="File">The rule file, or <c>&lt;built-in&gt;</c>.</param>
/// <param name="Line">The 1-based line in the file, when known.</param>
/// <param name="Column">The 1-based column in the file, when known.</param>
/// <param name="QueryOffset">The 0-based offset in the query text, for findings about the query.</param>
/// <param name="Message">What is wrong, naming the field and the value.</param>
/// <param name="Fix">The suggested fix, or null when there is none to suggest.</param>
public sealed record LintFinding(
    string Id,
    LintSeverity Severity,
    string RuleId,
    string File,
    int? Line,
    int? Column,
    int? QueryOffset,
    string Message,
    string? Fix)
{
    /// <summary>The rule's name, which distinguishes the rules of one export file.</summary>
    public string RuleName { get; init; } = "";

    /// <summary>Formats the finding as <c>file(line,column): severity id: message. Fix: fix (rule "name")</c>.</summary>
    public override string ToString()
    {
        var position = Line is { } line ? $"({line},{Column ?? 1})" : "";
        var fix = Fix is null ? "" : $" Fix: {Sentence(Fix)}";
        var name = RuleName.Length == 0 ? "" : $" (rule \"{RuleName}\")";
        return $"{File}{position}: {Severity.ToString().ToLowerInvariant()} {Id}: {Sentence(Message)}{fix}{name}";
    }

    /// <summary>Ends a text with a full stop unless it ends with a question mark.</summary>
    internal static string Sentence(string text) => text.EndsWith('?') ? text : text.TrimEnd('.') + ".";
}
