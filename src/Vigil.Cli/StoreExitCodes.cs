namespace Vigil.Cli;

/// <summary>Exit codes of the store commands (<c>vigil alerts</c>, <c>vigil rules status|run|enable|disable</c>), beside the shared <see cref="ExitCodes"/>.</summary>
internal static class StoreExitCodes
{
    /// <summary>The alert or rule named on the command line is not in the store.</summary>
    public const int NotFound = 1;

    /// <summary>
    /// The rule file named on the command line was not registered because of its content: it is
    /// invalid, contains several rules, has another rule's id, or is not newer than the registered
    /// revision of its <c>rule_id</c>. The command line itself was valid, so no usage hint follows.
    /// </summary>
    public const int NotRegistered = 1;

    /// <summary>The rule named is registered but cannot run, for example because its query is invalid.</summary>
    public const int CannotRun = 1;

    /// <summary>A manual run (<c>vigil rules run</c>) had a failed execution; its log names the error.</summary>
    public const int RunFailed = 3;
}
