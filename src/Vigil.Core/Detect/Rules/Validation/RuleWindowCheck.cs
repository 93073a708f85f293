namespace Vigil.Detect.Rules.Validation;

/// <summary>
/// Rejects loaded rules whose <c>from</c> or <c>to</c> is invalid, for the commands that run rules
/// without validating them whole: hunt and rules test. They search every event given and never
/// use the window, but a rule that validate, rules run and serve reject must not pass there,
/// just as a bad <c>interval</c>, which they do not use either, fails to load.
/// </summary>
public static class RuleWindowCheck
{
    /// <summary>
    /// Returns <paramref name="loaded"/> without the rules whose window is invalid, each of their
    /// problems added as a load error with the message <c>rules validate</c> prints.
    /// </summary>
    public static RuleLoadResult RejectInvalid(RuleLoadResult loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);

        var errors = loaded.Errors.ToList();
        var rules = new List<DetectionRule>();
        foreach (var rule in loaded.Rules)
        {
            var problems = RuleChecks.CheckWindow(rule).ToList();
            if (problems.Count == 0)
            {
                rules.Add(rule);
                continue;
            }

            var source = RuleSource.Read(rule);
            errors.AddRange(problems.Select(problem =>
                source.ToError(problem.FieldPath, null, problem.Message) with { RuleId = rule.RuleId, RuleName = rule.Name }));
        }

        return new RuleLoadResult(rules, errors)
        {
            Warnings = loaded.Warnings,
            RuleCount = loaded.RuleCount,
            FileCount = loaded.FileCount,
        };
    }
}
