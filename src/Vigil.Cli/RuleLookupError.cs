namespace Vigil.Cli;

/// <summary>
/// Why a store command found no rule to act on: the rule named is not registered, or its file was
/// not registered. <see cref="ExitCode"/> is the code the command exits with.
/// </summary>
internal sealed record RuleLookupError(string Message, int ExitCode)
{
    /// <summary>A rule not found, or a rule file that is invalid or whose id another rule has.</summary>
    public static RuleLookupError NotFound(string message) => new(message, StoreExitCodes.NotFound);

    /// <summary>A rule file that would replace a newer registered revision, which <c>--replace</c> allows.</summary>
    public static RuleLookupError OlderRevision(string message) => new(message, ExitCodes.Usage);
}
