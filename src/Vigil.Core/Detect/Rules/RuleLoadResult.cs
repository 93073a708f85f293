namespace Vigil.Detect.Rules;

/// <summary>The rules loaded from a set of files and the errors of the files that failed.</summary>
public sealed class RuleLoadResult
{
    internal RuleLoadResult(IReadOnlyList<DetectionRule> rules, IReadOnlyList<RuleLoadError> errors)
    {
        Rules = rules;
        Errors = errors;
    }

    /// <summary>The rules that loaded, in file path order.</summary>
    public IReadOnlyList<DetectionRule> Rules { get; }

    /// <summary>The load errors; a file with errors contributes no rule.</summary>
    public IReadOnlyList<RuleLoadError> Errors { get; }
}
