namespace Vigil.Detect.Rules.Lint;

/// <summary>How serious a lint finding is.</summary>
public enum LintSeverity
{
    /// <summary>Worth knowing; the rule works as written.</summary>
    Info,

    /// <summary>Probably a mistake, or a cost the author should know about.</summary>
    Warning,

    /// <summary>The rule, or part of it, can never match real data.</summary>
    Error,
}
