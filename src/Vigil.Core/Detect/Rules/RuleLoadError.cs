namespace Vigil.Detect.Rules;

/// <summary>
/// Why one rule file, or a rule in it, failed to load, why a rule folder could not be listed, or why
/// a rule path given to the loader could not be read.
/// </summary>
/// <param name="File">The file path, the folder path, the path given, or <c>&lt;built-in&gt;</c> for text without a file.</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="Column">The 1-based column, when known.</param>
/// <param name="Message">What is wrong, naming the field and the value, and how to fix it.</param>
public sealed record RuleLoadError(string File, int? Line, int? Column, string Message)
{
    /// <summary>
    /// True when <see cref="File"/> is a folder that could not be listed. It is not a rule file, so
    /// summaries count it apart from the files read.
    /// </summary>
    public bool IsFolder { get; init; }

    /// <summary>
    /// True when <see cref="File"/> is a path given to the loader that is neither a file nor a
    /// folder the process can reach: it does not exist, or a folder on the way denies access. No
    /// file was read from it, so summaries count it apart from the files read.
    /// </summary>
    public bool IsMissingPath { get; init; }

    /// <summary>
    /// True when <see cref="File"/> is a file that could not be read, such as one this user has no
    /// read permission on, so its content was not checked.
    /// </summary>
    public bool IsUnreadable { get; init; }

    /// <summary>The <c>rule_id</c> of the rule that failed, or null when the loader did not read one.</summary>
    public string? RuleId { get; init; }

    /// <summary>The name of the rule that failed, or null when the loader did not read one.</summary>
    public string? RuleName { get; init; }

    /// <summary>Formats the error as <c>file(line,column): message</c>, the position left out when unknown.</summary>
    public override string ToString() => Line is { } line
        ? $"{File}({line},{Column ?? 1}): {Message}"
        : $"{File}: {Message}";
}
