using Vigil.Detect.Rules.Formats;

namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// Validates rule files: everything the loader checks, plus the date math of the rule window, the
/// KQL query (its syntax, and the values Elasticsearch rejects for the field types of the
/// CloudTrail mapping), the new terms history window and <c>rule_id</c>s duplicated across the files.
/// Files that share a <c>rule_id</c> at different revisions are the history of one rule: each
/// older revision gets a warning, not an error, that names the revision hunt and serve run.
/// </summary>
public static class RuleValidator
{
    /// <summary>
    /// Loads and validates every rule file named in <paramref name="paths"/> (folders searched
    /// recursively). Returns the rules without errors, every error and warning, each naming the
    /// file and the line and column when known, and the number of rules and files read.
    /// </summary>
    public static RuleLoadResult ValidatePaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);

        var loaded = RuleLoader.LoadPaths(paths);
        var errors = loaded.Errors.ToList();
        var conflicts = RuleIdConflicts.Find(loaded.Rules);
        var valid = new List<DetectionRule>();
        foreach (var rule in loaded.Rules)
        {
            var ruleErrors = Validate(rule);
            errors.AddRange(ruleErrors);
            if (ruleErrors.Count == 0 && !conflicts.IsDuplicate(rule))
            {
                valid.Add(rule);
            }
        }

        errors.AddRange(conflicts.Errors);
        return new RuleLoadResult(valid, errors)
        {
            Warnings = [.. loaded.Warnings, .. conflicts.Warnings, .. loaded.Rules.SelectMany(Warnings)],
            RuleCount = loaded.RuleCount,
            FileCount = loaded.FileCount,
        };
    }

    /// <summary>
    /// Returns what hunt and serve do differently from Kibana with a valid rule: exception lists they
    /// cannot read, filters they cannot apply, and keys of a Kibana rule JSON that they ignore. Also
    /// returns a TOML rule without the <c>[metadata]</c> dates that detection-rules requires.
    /// </summary>
    public static IReadOnlyList<RuleWarning> Warnings(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        var found = new List<(string FieldPath, string Message)>();
        if (RuleExceptionLists.Warning(rule) is { } exceptions)
        {
            found.Add(($"rule.{RuleExceptionLists.Field}[0]", exceptions));
        }

        if (RuleChecks.UnsupportedFilter(rule) is { } filter)
        {
            found.Add((filter.FieldPath, filter.Message));
        }

        if (RuleMappings.UnreadRiskScoreEntries(rule) is { } unread)
        {
            found.Add(unread);
        }

        if (RuleRevisionOrder.UpdatedAtProblem(rule) is { } updatedAt)
        {
            found.Add(("rule.updated_at", updatedAt));
        }

        if (RequiredMetadataDates.Problem(rule) is { } metadata)
        {
            found.Add(("metadata", $"{metadata}; {RequiredMetadataDates.Fix}"));
        }

        found.AddRange(UnknownRuleKeys.InKibanaJson(rule).Select(key => (key.FieldPath, $"{key.Problem}; {key.Fix}")));
        if (found.Count == 0)
        {
            return [];
        }

        var source = RuleSource.Read(rule);
        return [.. found.Select(warning => source.ToError(warning.FieldPath, null, warning.Message))
            .Select(error => new RuleWarning(error.File, error.Line, error.Column, $"rule \"{rule.Name}\": {error.Message}"))];
    }

    /// <summary>Returns the problems of one loaded rule, positioned in its source file when it has one.</summary>
    public static IReadOnlyList<RuleLoadError> Validate(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        var problems = RuleChecks.Check(rule).ToList();
        if (problems.Count == 0)
        {
            return [];
        }

        var source = RuleSource.Read(rule);
        return problems.Select(problem => source.ToError(problem.FieldPath, problem.QueryOffset, problem.Message)).ToList();
    }
}
