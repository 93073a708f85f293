using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;
using Vigil.Output;
using Vigil.Serve;

namespace Vigil.Cli;

/// <summary>
/// The rules <c>vigil serve</c> runs: the newest valid revision of each <c>rule_id</c> in its
/// <c>--rules</c> files, the copy first in path order when several files hold that revision, or
/// the built-in rules. The files are scanned again at every scheduler
/// step, and a new or changed rule is registered as at start, so it runs from its next run.
/// </summary>
/// <remarks>
/// Each problem is logged once per change: a load error when its file is read, a folder or id
/// error when it first appears, and a rule registered, rejected or left only when its file changed.
/// </remarks>
internal sealed class ServeRuleSet(IReadOnlyList<string> paths, ILogger logger)
{
    private readonly RuleFileScan? _scan = paths.Count == 0 ? null : new RuleFileScan(paths);
    private IReadOnlyList<DetectionRule> _newest = [];
    private HashSet<DetectionRule> _skipped = new(ReferenceEqualityComparer.Instance);
    private HashSet<DetectionRule> _skippedCopies = new(ReferenceEqualityComparer.Instance);
    private HashSet<string> _listingErrors = new(StringComparer.Ordinal);
    private HashSet<string> _skippedFiles = new(StringComparer.Ordinal);
    private HashSet<string> _idErrors = new(StringComparer.Ordinal);
    private HashSet<string> _filesWithErrors = new(StringComparer.Ordinal);

    /// <summary>
    /// The content hash and revision of each rule registered from a file, keyed by file and
    /// saved-object id, so an unchanged rule is not registered again. The hash leaves out the
    /// TOML metadata, so the revision text (version and update date) is compared too.
    /// </summary>
    private Dictionary<(string File, string Uuid), (string Hash, DetectionRule Rule)> _registered = [];

    private readonly ServeRegistrations _registrations = new(logger);
    private readonly ServeInvalidRules _invalid = new(logger);

    /// <summary>The number of files at the last scan that had an error and gave no rule.</summary>
    private int _filesNotLoaded;

    /// <summary>The number of older revisions skipped for a newer one at the last scan.</summary>
    public int RevisionsSkipped => _skipped.Count;

    /// <summary>The number of copies of a rule at the same revision skipped for the copy first in path order at the last scan.</summary>
    public int CopiesSkipped => _skippedCopies.Count;

    /// <summary>Whether the last scan found a rule file or folder that did not load.</summary>
    public bool HadLoadErrors { get; private set; }

    /// <summary>
    /// Reads the rule files, or takes the built-in rules without <c>--rules</c>, and logs what did
    /// not load. Returns the number of rules selected to run; they are registered by <see cref="Register"/>.
    /// </summary>
    public int Load()
    {
        if (_scan is null)
        {
            _newest = BuiltInRules.All;
            return _newest.Count;
        }

        Select(_scan.Scan());
        return _newest.Count;
    }

    /// <summary>
    /// Registers every selected rule that is new or changed since the previous call, and every
    /// copy of a <c>rule_id</c> whose registration is no longer the one this serve made.
    /// </summary>
    public void Register(RuleScheduler scheduler)
    {
        var replaced = _registrations.FindReplaced(scheduler, _newest);
        var quiet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ruleId in replaced)
        {
            if (!_registrations.LogReplaced(scheduler, _newest.First(rule => rule.RuleId == ruleId), file => WhyNotSelected(file, ruleId)))
            {
                quiet.Add(ruleId);
            }
        }

        var registered = new Dictionary<(string File, string Uuid), (string Hash, DetectionRule Rule)>();
        foreach (var rule in _newest)
        {
            var key = (rule.SourcePath ?? "", rule.Uuid);
            var hash = RuleScheduler.ContentHash(rule) + " " + RuleRevisionOrder.Describe(rule);
            registered[key] = (hash, rule);

            // A file saved again without a change in this rule, or a change in another rule of its export.
            var unchanged = _registered.TryGetValue(key, out var before) && before.Hash == hash;
            if (unchanged && !replaced.Contains(rule.RuleId))
            {
                continue;
            }

            // A registration the same other file took again was logged the first time, so it is not logged at every step.
            var log = quiet.Contains(rule.RuleId) ? NullLogger.Instance : logger;
            _registrations.Record(rule.RuleId, ServeRuleRegistration.Register(scheduler, rule, log));
            if (before.Rule is not null)
            {
                WarnOlderRevision(rule, before.Rule);
            }
        }

        // A file that does not load now, such as one read halfway through a save, keeps its last
        // revision here, so the edit that follows is compared with the revision that still runs.
        foreach (var (key, before) in _registered)
        {
            if (!registered.ContainsKey(key) && (_filesWithErrors.Contains(key.File) || _invalid.Contains(key.File, before.Rule.RuleId)))
            {
                registered[key] = before;
            }
        }

        _registered = registered;
    }

    /// <summary>
    /// Scans the <c>--rules</c> paths again. When a file is new, changed or deleted, it selects the
    /// rules again, registers the new and changed ones, and warns about each rule that no file contains now.
    /// It registers a rule again, too, when its registration is not the one this serve made.
    /// </summary>
    public void Refresh(RuleScheduler scheduler)
    {
        if (_scan is null)
        {
            RegisterReplaced(scheduler);
            return;
        }

        var scan = _scan.Scan();
        if (!scan.Changed)
        {
            ReportListingErrors(scan);
            RegisterReplaced(scheduler);
            return;
        }

        foreach (var file in scan.Read)
        {
            var path = TerminalText.Sanitize(file.Path);
            ServeLog.RuleFileChanged(logger, path, file.IsNew ? "added" : "changed");
        }

        var before = _newest;
        Select(scan);
        Register(scheduler);
        ReportLeft(before, scheduler);
    }

    /// <summary>Registers the selected rules again when another command changed the registration of their <c>rule_id</c>.</summary>
    private void RegisterReplaced(RuleScheduler scheduler)
    {
        if (_registrations.FindReplaced(scheduler, _newest).Count > 0)
        {
            Register(scheduler);
        }
    }

    /// <summary>Returns why <paramref name="file"/>, which exists, does not run <paramref name="ruleId"/>, or null when it no longer contains that rule.</summary>
    private string? WhyNotSelected(string file, string ruleId)
    {
        if (_filesWithErrors.Contains(file) || _invalid.Contains(file, ruleId))
        {
            return "has an error, logged above";
        }

        if (_skippedCopies.Any(rule => rule.RuleId == ruleId && rule.SourcePath == file))
        {
            return "has the same revision as an earlier copy in path order";
        }

        return _skipped.Any(rule => rule.RuleId == ruleId && rule.SourcePath == file)
            ? "has an older revision than another file, logged above"
            : null;
    }

    /// <summary>Counts the selected rules, by <c>rule_id</c>, that are registered, enabled and runnable, and those that are not.</summary>
    public (int Running, int NotRunning) Count(RuleScheduler scheduler)
    {
        var ruleIds = _newest.Select(rule => rule.RuleId).ToHashSet(StringComparer.Ordinal);
        var running = scheduler.Status()
            .Where(status => ruleIds.Contains(status.RuleId))
            .Where(status => status is { Enabled: true, NotRunnableReason: null } && scheduler.LoadedDefinition(status.RuleUuid) is not null)
            .Select(status => status.RuleId)
            .Distinct(StringComparer.Ordinal)
            .Count();
        // NOTE: a file that did not load counts as one rule, because its rule_ids are unknown.
        return (running, ruleIds.Count - running + _filesNotLoaded);
    }

    /// <summary>
    /// Warns when an edit of a rule's file sets an older version or update date than the revision
    /// it replaces. Serve registers the edit all the same, because the registry follows the file.
    /// </summary>
    private void WarnOlderRevision(DetectionRule rule, DetectionRule before)
    {
        if (RuleRevisionOrder.Compare(rule, before, out var basis) >= 0)
        {
            return;
        }

        var file = TerminalText.Sanitize(rule.SourcePath ?? "the built-in rules");
        ServeLog.OlderRevisionEdited(logger, TerminalText.Sanitize(rule.RuleId), TerminalText.Sanitize(rule.Name), file, TerminalText.Sanitize(basis));
    }

    private void Select(RuleFileScanResult scan)
    {
        foreach (var file in scan.Read)
        {
            foreach (var error in file.Loaded.Errors)
            {
                LogFileRejected(error);
            }
        }

        ReportListingErrors(scan);
        _filesWithErrors = scan.Files.Where(file => file.Loaded.Errors.Count > 0).Select(file => file.Path).ToHashSet(StringComparer.Ordinal);
        HadLoadErrors = _filesWithErrors.Count > 0 || scan.ListingErrors.Count > 0;
        _filesNotLoaded = scan.Files.Count(file => file.Loaded.Errors.Count > 0 && file.Loaded.Rules.Count == 0);

        // Each file is read alone, so the check for an id that two rules with other rule_ids share,
        // which the loader makes across the files it reads, is made here across all of them.
        var idErrors = new List<RuleLoadError>();
        var rules = SharedRuleUuids.Remove([.. scan.Files.SelectMany(file => file.Loaded.Rules)], idErrors);
        HadLoadErrors |= idErrors.Count > 0;
        _idErrors = LogNew(idErrors, _idErrors);

        var (valid, rejected) = _invalid.Split(rules);

        // The registry keys rules by their id, which revisions share, so each registered revision
        // would replace the one before it, and the last in path order would run.
        var (newest, superseded) = NewestRevisions.Select(valid, ScheduledRule.CannotRunReason);
        var skipped = new HashSet<DetectionRule>(ReferenceEqualityComparer.Instance);
        foreach (var revision in superseded)
        {
            skipped.Add(revision.Rule);
            if (!_skipped.Contains(revision.Rule))
            {
                ServeLog.RuleRevisionSkipped(logger, TerminalText.Sanitize(SupersededRevision.Location(revision.Rule)), TerminalText.Sanitize(revision.Reason), revision.Fix);
            }
        }

        _skipped = skipped;
        var selected = SkipCopies(newest);
        _invalid.LogLeftOut(selected);
        _newest = [.. selected, .. rejected];
    }

    /// <summary>Leaves out the copies of a rule at the same revision but the first in path order, and logs each new one.</summary>
    private IReadOnlyList<DetectionRule> SkipCopies(IReadOnlyList<DetectionRule> rules)
    {
        var (kept, copies) = SameRevisionCopies.Select(rules);
        var skipped = new HashSet<DetectionRule>(ReferenceEqualityComparer.Instance);
        foreach (var copy in copies)
        {
            skipped.Add(copy.Rule);
            if (!_skippedCopies.Contains(copy.Rule))
            {
                ServeLog.RuleCopySkipped(logger, TerminalText.Sanitize(SupersededRevision.Location(copy.Rule)), TerminalText.Sanitize(SameRevisionCopies.Reason(copy)));
            }
        }

        _skippedCopies = skipped;
        return kept;
    }

    /// <summary>Logs the folders not listed and the files skipped that were not at the previous scan.</summary>
    private void ReportListingErrors(RuleFileScanResult scan)
    {
        _listingErrors = LogNew(scan.ListingErrors, _listingErrors);

        var skipped = scan.Skipped.Select(warning => warning.File).ToHashSet(StringComparer.Ordinal);
        foreach (var warning in scan.Skipped.Where(warning => !_skippedFiles.Contains(warning.File)))
        {
            ServeLog.RuleFileSkipped(logger, TerminalText.Sanitize(warning.File), warning.Message);
        }

        _skippedFiles = skipped;
    }

    /// <summary>Logs the errors not logged at the previous scan, and returns the texts of all of them.</summary>
    private HashSet<string> LogNew(IReadOnlyList<RuleLoadError> errors, HashSet<string> logged)
    {
        var current = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in errors)
        {
            if (current.Add(error.ToString()) && !logged.Contains(error.ToString()))
            {
                LogLoadError(error);
            }
        }

        return current;
    }

    /// <summary>Logs an error in a rule file, such as invalid TOML or UTF-8, as a rule file that is not registered.</summary>
    private void LogFileRejected(RuleLoadError error)
    {
        var text = TerminalText.Sanitize(error.ToString().TrimEnd('.'));
        ServeLog.RuleRejected(logger, text, FileRejectedOutcome, TerminalText.Sanitize(error.File));
    }

    private const string FileRejectedOutcome =
        "Its rules do not run until the file is fixed, except a revision this vigil serve loaded before the file changed, which keeps running.";

    /// <summary>Logs a rule folder that could not be listed apart from a rule that did not load, as a hunt does.</summary>
    private void LogLoadError(RuleLoadError error)
    {
        var text = TerminalText.Sanitize(error.ToString());
        if (error.IsFolder)
        {
            ServeLog.RuleFolderNotListed(logger, text);
        }
        else
        {
            ServeLog.RuleNotLoaded(logger, text);
        }
    }

    /// <summary>
    /// Warns about each rule that was selected before and that no rule file contains now. Its
    /// registration stays, as Kibana keeps a rule until it is deleted, and this serve keeps running it.
    /// </summary>
    private void ReportLeft(IReadOnlyList<DetectionRule> before, RuleScheduler scheduler)
    {
        var ruleIds = _newest.Select(rule => rule.RuleId).ToHashSet(StringComparer.Ordinal);
        var left = before.Where(rule => !ruleIds.Contains(rule.RuleId)).DistinctBy(rule => rule.RuleId);

        // Another file may still contain the rule_id, but the registry names the deleted file.
        var registeredFileDeleted = before
            .Where(rule => ruleIds.Contains(rule.RuleId) && rule.SourcePath is { } path && !File.Exists(path))
            .Where(rule => scheduler.Status().Any(status => status.RuleId == rule.RuleId && status.SourceFile == rule.SourcePath));
        foreach (var rule in left.Concat(registeredFileDeleted).DistinctBy(rule => rule.RuleId))
        {
            var file = rule.SourcePath ?? "the built-in rules";
            var reason = (File.Exists(file), _filesWithErrors.Contains(file)) switch
            {
                (false, _) => "the file was deleted",
                (true, true) => "the file has an error, logged above",
                _ => "the file no longer contains it",
            };
            var (ruleId, name) = (TerminalText.Sanitize(rule.RuleId), TerminalText.Sanitize(rule.Name));
            if (NotRunningOutcome(scheduler, rule) is { } outcome)
            {
                ServeLog.RuleFileLeftNotRunning(logger, ruleId, name, TerminalText.Sanitize(file), reason, outcome);
                continue;
            }

            ServeLog.RuleFileLeft(logger, ruleId, name, TerminalText.Sanitize(file), reason);
        }
    }

    /// <summary>Returns what happens to a rule that this serve did not run, such as one rejected at start, or null when it runs.</summary>
    private static string? NotRunningOutcome(RuleScheduler scheduler, DetectionRule rule)
    {
        var registered = scheduler.Status().FirstOrDefault(status => status.RuleId == rule.RuleId);
        if (registered is null)
        {
            return "it was never registered, so nothing changes.";
        }

        return scheduler.LoadedDefinition(registered.RuleUuid) is null
            ? "it stays registered and still does not run."
            : null;
    }
}
