using Microsoft.Extensions.Logging;
using Vigil.Detect.Rules;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>
/// The file each <c>rule_id</c> was registered from by this <c>vigil serve</c>, compared with the
/// store's registry at every step. The registry changes without a rule file change when the
/// registered copy of a <c>rule_id</c> that two files contain is deleted, and when another command
/// (<c>vigil rules enable|run FILE</c>) registers another file.
/// A restart would then register the files under <c>--rules</c> again, so serve does that at once.
/// </summary>
internal sealed class ServeRegistrations(ILogger logger)
{
    /// <summary>The file of each registration this serve made, keyed by <c>rule_id</c>, with null for a built-in rule.</summary>
    private readonly Dictionary<string, string?> _files = new(StringComparer.Ordinal);

    /// <summary>The other files already logged per <c>rule_id</c>, so that a command that registers the same other file again is not logged again.</summary>
    private readonly HashSet<(string RuleId, string? File)> _loggedOthers = [];

    /// <summary>Records the registration this serve made, or removes the <c>rule_id</c> when its rule was rejected.</summary>
    public void Record(string ruleId, RuleStatus? registered)
    {
        if (registered is null)
        {
            _files.Remove(ruleId);
            return;
        }

        _files[ruleId] = registered.SourceFile;
    }

    /// <summary>
    /// Returns the <c>rule_id</c> values of <paramref name="selected"/> whose registration is not
    /// the one this serve made or would make at a restart, so they are registered again.
    /// </summary>
    public HashSet<string> FindReplaced(RuleScheduler scheduler, IReadOnlyList<DetectionRule> selected)
    {
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        if (_files.Count == 0)
        {
            return replaced;
        }

        var registry = scheduler.ReadRegistrations().ToLookup(row => row.RuleId, StringComparer.Ordinal);
        foreach (var copies in selected.GroupBy(rule => rule.RuleId, StringComparer.Ordinal))
        {
            if (!_files.TryGetValue(copies.Key, out var made) || !registry[copies.Key].Any())
            {
                continue;
            }

            var files = copies.Select(rule => rule.SourcePath).ToHashSet();
            var current = registry[copies.Key].First().SourceFile;
            if (!string.Equals(current, made, StringComparison.Ordinal) || !files.Contains(current))
            {
                replaced.Add(copies.Key);
            }
        }

        return replaced;
    }

    /// <summary>
    /// Logs why <paramref name="rule"/>, the copy this serve registers now, takes the place of the
    /// registration of its <c>rule_id</c>. <paramref name="whyNotSelected"/> returns why a rule file
    /// that still exists does not run the rule, or null when it no longer contains it. Returns false, and logs nothing, when another command
    /// registered the same other file before, so the registration that follows is not logged either.
    /// </summary>
    public bool LogReplaced(RuleScheduler scheduler, DetectionRule rule, Func<string, string?> whyNotSelected)
    {
        var current = scheduler.ReadRegistrations().First(row => row.RuleId == rule.RuleId);
        var (ruleId, name) = (TerminalText.Sanitize(rule.RuleId), TerminalText.Sanitize(rule.Name));
        var file = TerminalText.Sanitize(rule.SourcePath ?? "the built-in rule");
        var other = TerminalText.Sanitize(current.SourceFile ?? "the built-in rule");
        if (string.Equals(current.SourceFile, _files[rule.RuleId], StringComparison.Ordinal))
        {
            var reason = current.SourceFile switch
            {
                { } path when !File.Exists(path) => "was deleted",
                { } path => whyNotSelected(path) ?? "no longer contains it",
                null => "no longer contains it",
            };
            ServeLog.RegisteredCopyLeft(logger, ruleId, name, other, reason, file);
            return true;
        }

        if (!_loggedOthers.Add((rule.RuleId, current.SourceFile)))
        {
            return false;
        }

        ServeLog.RegisteredByOtherCommand(logger, ruleId, name, other, file);
        return true;
    }
}
