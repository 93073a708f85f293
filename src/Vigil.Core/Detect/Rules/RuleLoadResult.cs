namespace Vigil.Detect.Rules;

/// <summary>The rules loaded from a set of files and the errors of the files that failed.</summary>
public sealed class RuleLoadResult
{
    internal RuleLoadResult(IReadOnlyList<DetectionRule> rules, IReadOnlyList<RuleLoadError> errors)
    {
        Rules = rules;
        Errors = errors;
        RuleCount = rules.Count;
    }

    /// <summary>The rules that loaded, in file path order.</summary>
    public IReadOnlyList<DetectionRule> Rules { get; }

    /// <summary>The load errors; a file with errors contributes no rule.</summary>
    public IReadOnlyList<RuleLoadError> Errors { get; }

    /// <summary>The warnings, which leave the rules they name in <see cref="Rules"/>.</summary>
    public IReadOnlyList<RuleWarning> Warnings { get; init; } = [];

    /// <summary>
    /// The number of rules read, valid or not. A TOML file that fails to load counts as one rule,
    /// because the format contains one rule per file. An NDJSON or JSON file that fails to parse adds none.
    /// </summary>
    public int RuleCount { get; init; }

    /// <summary>The number of rule files read, including files that failed to load.</summary>
    public int FileCount { get; init; }
}
