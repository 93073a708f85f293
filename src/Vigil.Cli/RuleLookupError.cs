namespace Vigil.Cli;

/// <summary>
/// Why a store command found no rule to act on: the rule named is not registered, its file was not
/// registered, or the command line is invalid. <see cref="ExitCode"/> is the code the command exits
/// with, and only a usage error adds the hint to run <c>--help</c>.
/// </summary>
internal sealed record RuleLookupError(string Message, int ExitCode)
{
    /// <summary>A rule not found, or a <c>rule_id</c> that an older store registered several times.</summary>
    public static RuleLookupError NotFound(string message) => new(message, StoreExitCodes.NotFound);

    /// <summary>
    /// A rule file whose content keeps it from being registered: it is invalid, contains several rules,
    /// has another rule's id, or is not newer than the registered revision of its <c>rule_id</c>.
    /// </summary>
    public static RuleLookupError NotRegistered(string message) => new(message, StoreExitCodes.NotRegistered);

    /// <summary>An option that does not apply to the rule given, such as <c>--replace</c> with a <c>rule_id</c>.</summary>
    public static RuleLookupError Usage(string message) => new(message, ExitCodes.Usage);
}
