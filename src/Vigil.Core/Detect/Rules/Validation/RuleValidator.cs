namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// Validates rule files: everything the loader checks, plus the date math of the rule window, the
/// KQL syntax, the new terms history window and <c>rule_id</c>s duplicated across the files.
/// </summary>
public static class RuleValidator
{
    /// <summary>
    /// Loads and validates every rule file named in <paramref name="paths"/> (folders searched
    /// recursively). Returns the rules without errors and every error, each naming the file and
    /// the line and column when known.
    /// </summary>
    public static RuleLoadResult ValidatePaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);

        var loaded = RuleLoader.LoadPaths(paths);
        var errors = loaded.Errors.ToList();
        var valid = new List<DetectionRule>();
        foreach (var rule in loaded.Rules)
        {
            var ruleErrors = Validate(rule);
            errors.AddRange(ruleErrors);
            if (ruleErrors.Count == 0)
            {
                valid.Add(rule);
            }
        }

        errors.AddRange(Duplicates(loaded.Rules));
        return new RuleLoadResult(valid, errors);
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

    private static IEnumerable<RuleLoadError> Duplicates(IReadOnlyList<DetectionRule> rules)
    {
        foreach (var group in rules.GroupBy(rule => rule.RuleId, StringComparer.Ordinal).Where(group => group.Count() > 1))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                var message = $"duplicate rule_id \"{group.Key}\": {first.SourcePath} has it too; give one of the rules a new rule_id (a random UUID)";
                yield return RuleSource.Read(duplicate).ToError("rule.rule_id", null, message);
            }
        }
    }
}
