using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;

namespace Vigil.Serve;

/// <summary>
/// A rule read from a file that would replace the registered revision of its <c>rule_id</c>,
/// although that revision is newer, or <see cref="RuleRevisionOrder"/> cannot tell which is newer.
/// </summary>
/// <param name="Rule">The rule read from the file.</param>
/// <param name="Registered">The registered revision, as read from its own file or the built-in rules.</param>
/// <param name="Basis">
/// Why <paramref name="Registered"/> is newer, such as <c>version 5 is higher than 4</c>; null when
/// version and update date do not decide.
/// </param>
internal sealed record RegisteredRevisionConflict(DetectionRule Rule, DetectionRule Registered, string? Basis)
{
    /// <summary>
    /// Returns the conflict of registering <paramref name="rule"/> over <paramref name="registered"/>,
    /// or null when it may replace it: the two come from the same file, <paramref name="rule"/> is
    /// newer, or the order is undecided and the two have the same content.
    /// </summary>
    public static RegisteredRevisionConflict? Find(DetectionRule rule, DetectionRule registered)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(registered);

        // The registry follows the registered file, so an edit of it is the next revision, whatever version and update date it sets.
        if (string.Equals(rule.SourcePath, registered.SourcePath, StringComparison.Ordinal))
        {
            return null;
        }

        var order = RuleRevisionOrder.Compare(rule, registered, out var basis);
        return order switch
        {
            > 0 => null,
            < 0 => new RegisteredRevisionConflict(rule, registered, basis),
            // The rule would take the registered id, so only the rest of the content is compared.
            _ when RuleScheduler.ContentHash(rule.WithUuid(registered.Uuid)) == RuleScheduler.ContentHash(registered) => null,
            _ => new RegisteredRevisionConflict(rule, registered, null),
        };
    }

    /// <summary>
    /// Returns the first conflict of registering <paramref name="rule"/> with a registered rule of
    /// the same <c>rule_id</c>, or null. <paramref name="definition"/> returns the rule a
    /// registered rule runs, or null when it cannot be read. Then nothing is compared, because the
    /// registry stores the path of the rule's file but not its query, so there is no query to lose.
    /// </summary>
    public static RegisteredRevisionConflict? Find(RuleScheduler scheduler, DetectionRule rule, Func<RuleStatus, DetectionRule?> definition)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(definition);

        var sameRuleId = scheduler.Status()
            .Where(status => status.RuleId == rule.RuleId)
            .Where(status => !string.Equals(status.SourceFile, rule.SourcePath, StringComparison.Ordinal));
        foreach (var status in sameRuleId)
        {
            if (definition(status) is { } registered && Find(rule, registered) is { } conflict)
            {
                return conflict;
            }
        }

        return null;
    }
}
