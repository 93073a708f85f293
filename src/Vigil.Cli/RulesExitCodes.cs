namespace Vigil.Cli;

/// <summary>Exit codes of <c>vigil rules</c>, beside the shared <see cref="ExitCodes"/>.</summary>
internal static class RulesExitCodes
{
    /// <summary>
    /// A rule file has an error, a rule folder could not be listed, a rule path could not be read,
    /// or lint found an error-level finding.
    /// </summary>
    public const int RuleErrors = 1;

    /// <summary>
    /// The rule_id given with <c>vigil rules show --rule-id</c> is not in the file, as a store
    /// command exits when the rule named is not in the store (<see cref="StoreExitCodes.NotFound"/>).
    /// </summary>
    public const int RuleNotFound = 1;
}
