namespace Vigil.Cli;

/// <summary>Exit codes of <c>vigil rules</c>, beside the shared <see cref="ExitCodes"/>.</summary>
internal static class RulesExitCodes
{
    /// <summary>
    /// A rule file has an error, a rule folder could not be listed, a rule path could not be read,
    /// or lint found an error-level finding.
    /// </summary>
    public const int RuleErrors = 1;
}
