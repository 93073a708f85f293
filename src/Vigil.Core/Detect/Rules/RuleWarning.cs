namespace Vigil.Detect.Rules;

/// <summary>A problem that does not stop a rule from loading or validating, such as a rule_id shared by revisions of one rule.</summary>
/// <param name="File">The file path.</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Column">The 1-based column, when known.</param>
/// <param name="Message">What was found and what it means.</param>
public sealed record RuleWarning(string File, int? Line, int? Column, string Message)
{
    /// <summary>
    /// True when <see cref="File"/> is a named pipe, socket or device in a rule folder that was
    /// skipped without being read, so no rule of it was loaded or checked.
    /// </summary>
    public bool IsSkippedFile { get; init; }

    /// <summary>Formats the warning as <c>file(line,column): warning: message</c>, the position left out when unknown.</summary>
    public override string ToString() => Line is { } line
        ? $"{File}({line},{Column ?? 1}): warning: {Message}"
        : $"{File}: warning: {Message}";
}
