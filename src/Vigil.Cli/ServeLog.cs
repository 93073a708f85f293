using Microsoft.Extensions.Logging;

namespace Vigil.Cli;

/// <summary>Log messages of <c>vigil serve</c>. Every value from a rule file or CloudTrail is sanitized by the caller.</summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 60, Level = LogLevel.Information, Message = "vigil serve started: data {DataDirectory}, watching {Folders}, rules running {RuleCount}, rules not running {NotRunning}, older rule revisions skipped {RevisionsSkipped}, same-revision copies skipped {CopiesSkipped}, retention {Retention}, poll {Poll}")]
    public static partial void Started(ILogger logger, string dataDirectory, string folders, int ruleCount, int notRunning, int revisionsSkipped, int copiesSkipped, string retention, string poll);

    [LoggerMessage(EventId = 61, Level = LogLevel.Information, Message = "{Signal} received: stopping after the current step; send it again to stop at once")]
    public static partial void Stopping(ILogger logger, string signal);

    [LoggerMessage(EventId = 62, Level = LogLevel.Information, Message = "vigil serve stopped")]
    public static partial void Stopped(ILogger logger);

    /// <summary>
    /// Logs a registered rule with the version and update date its file sets, as <c>rules status</c>
    /// names them. The store's count of content changes is left out, because it reads like the rule's version.
    /// </summary>
    [LoggerMessage(EventId = 63, Level = LogLevel.Information, Message = "Rule {RuleId} ({Name}) registered ({FileRevision}): {Enabled}, interval {Interval}, from {From}")]
    public static partial void RuleRegistered(ILogger logger, string ruleId, string name, string fileRevision, string enabled, string interval, string from);

    [LoggerMessage(EventId = 64, Level = LogLevel.Warning, Message = "Rule {RuleId} ({Name}) is registered but cannot run: {Reason}")]
    public static partial void RuleNotRunnable(ILogger logger, string ruleId, string name, string reason);

    [LoggerMessage(EventId = 76, Level = LogLevel.Warning, Message = "Rule {RuleId} ({Name}): {Warning}")]
    public static partial void RuleWarning(ILogger logger, string ruleId, string name, string warning);

    [LoggerMessage(EventId = 65, Level = LogLevel.Warning, Message = "Rule not loaded: {Error}")]
    public static partial void RuleNotLoaded(ILogger logger, string error);

    [LoggerMessage(EventId = 80, Level = LogLevel.Warning, Message = "Rule revision skipped: {File}: {Reason}. Kibana keeps one rule per rule_id; {Fix} to stop this warning.")]
    public static partial void RuleRevisionSkipped(ILogger logger, string file, string reason, string fix);

    [LoggerMessage(EventId = 91, Level = LogLevel.Warning, Message = "Rule copy skipped: {File}: {Reason}.")]
    public static partial void RuleCopySkipped(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 81, Level = LogLevel.Warning, Message = "Registered rule revision replaced: {Reason}. vigil serve runs the rule files that --rules names, or the built-in rules without --rules; to run the registered revision, give its file with --rules in place of this one.")]
    public static partial void RegisteredRevisionReplaced(ILogger logger, string reason);

    [LoggerMessage(EventId = 82, Level = LogLevel.Error, Message = "Rule file rejected: {Error}. {Outcome} vigil serve reads {File} again at its next step after the file changes.")]
    public static partial void RuleRejected(ILogger logger, string error, string outcome, string file);

    [LoggerMessage(EventId = 83, Level = LogLevel.Warning, Message = "Rule {RuleId} ({Name}) no longer loads from {File}, because {Reason}. It stays registered, and this vigil serve runs the revision it loaded until it stops; to stop the rule now, run 'vigil rules disable {RuleId}'.")]
    public static partial void RuleFileLeft(ILogger logger, string ruleId, string name, string file, string reason);

    [LoggerMessage(EventId = 87, Level = LogLevel.Warning, Message = "Rule {RuleId} ({Name}) no longer loads from {File}, because {Reason}. This vigil serve was not running it: {Outcome}")]
    public static partial void RuleFileLeftNotRunning(ILogger logger, string ruleId, string name, string file, string reason, string outcome);

    [LoggerMessage(EventId = 88, Level = LogLevel.Warning, Message = "Rule {RuleId} ({Name}) registered from {File} as edited, though its revision is older than the one it replaces: {Basis}. To keep the order that other files of this rule_id are compared by, set a higher version or a later updated_date.")]
    public static partial void OlderRevisionEdited(ILogger logger, string ruleId, string name, string file, string basis);

    [LoggerMessage(EventId = 89, Level = LogLevel.Information, Message = "Rule {RuleId} ({Name}): its registered copy {File} {Reason}, so the copy in {Copy} is registered in its place, as at a restart of vigil serve.")]
    public static partial void RegisteredCopyLeft(ILogger logger, string ruleId, string name, string file, string reason, string copy);

    [LoggerMessage(EventId = 90, Level = LogLevel.Warning, Message = "Rule {RuleId} ({Name}) was registered from {Other} by another command, such as 'vigil rules enable' or 'vigil rules run'. This vigil serve registers {File} again, as at its start, because it runs the rules that --rules names; to run {Other}, give it with --rules in place of {File}.")]
    public static partial void RegisteredByOtherCommand(ILogger logger, string ruleId, string name, string other, string file);

    [LoggerMessage(EventId = 84, Level = LogLevel.Information, Message = "Rule file {File} {Change}: read again")]
    public static partial void RuleFileChanged(ILogger logger, string file, string change);

    [LoggerMessage(EventId = 85, Level = LogLevel.Error, Message = "vigil serve is stopping: {Error}")]
    public static partial void StoreFileReplaced(ILogger logger, string error);

    [LoggerMessage(EventId = 86, Level = LogLevel.Warning, Message = "Rule {RuleId} ({Name}) last ran after the clock's time {Now}, so the system clock moved back since. It runs no window until {NextRunAt}, its next run; set the clock right, or run 'vigil rules run' for the time in between.")]
    public static partial void ClockMovedBack(ILogger logger, string ruleId, string name, string nextRunAt, string now);

    [LoggerMessage(EventId = 95, Level = LogLevel.Warning, Message = "Rule file skipped: {File}: {Reason}")]
    public static partial void RuleFileSkipped(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 79, Level = LogLevel.Warning, Message = "Rule folder not listed: {Error}")]
    public static partial void RuleFolderNotListed(ILogger logger, string error);

    [LoggerMessage(EventId = 66, Level = LogLevel.Information, Message = "Rule {RuleId} run {RunId} ({Kind}) window {Window}: {Status}, searched {Searched}, matches {Matches}, alerts created {AlertsCreated}, duplicates {Duplicates}, late {Late}, {DurationMs} ms")]
    public static partial void ExecutionFinished(ILogger logger, string ruleId, string runId, string kind, string window, string status, long searched, long matches, long alertsCreated, long duplicates, long late, long durationMs);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Rule {RuleId} run {RunId} (backfill) {Chunks} windows from {From} to {To}: succeeded, no matches, searched {Searched}, {DurationMs} ms")]
    public static partial void EmptyChunksFinished(ILogger logger, string ruleId, string runId, int chunks, string from, string to, long searched, long durationMs);

    [LoggerMessage(EventId = 67, Level = LogLevel.Warning, Message = "Rule {RuleId} run {RunId}: {Warning}")]
    public static partial void ExecutionWarning(ILogger logger, string ruleId, string runId, string warning);

    [LoggerMessage(EventId = 68, Level = LogLevel.Error, Message = "Rule {RuleId} run {RunId} failed: {Error}")]
    public static partial void ExecutionFailed(ILogger logger, string ruleId, string runId, string error);

    [LoggerMessage(EventId = 69, Level = LogLevel.Error, Message = "The scheduler step failed and is retried in {RetrySeconds} s: {Error}")]
    public static partial void SchedulerFailed(ILogger logger, double retrySeconds, string error, Exception exception);

    [LoggerMessage(EventId = 70, Level = LogLevel.Information, Message = "Ingested {File}: read {Records}, stored {Stored}, duplicates {Duplicates}, errors {Errors}, skipped {Skipped}")]
    public static partial void FileIngested(ILogger logger, string file, long records, long stored, long duplicates, long errors, long skipped);

    [LoggerMessage(EventId = 75, Level = LogLevel.Warning, Message = "{File}: {Lacking} of {Stored} stored events have neither eventName nor eventTime, so they are probably not CloudTrail records; check that the watched folder holds CloudTrail logs.")]
    public static partial void EventsLackCloudTrailFields(ILogger logger, string file, long lacking, long stored);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{File}: {Location}: skipped as {Reason}; check that the watched folder holds CloudTrail logs.")]
    public static partial void SkippedNotCloudTrail(ILogger logger, string file, string location, string reason);

    [LoggerMessage(EventId = 71, Level = LogLevel.Information, Message = "Deleted {Count} events stored more than {Retention} ago")]
    public static partial void EventsExpired(ILogger logger, long count, string retention);

    [LoggerMessage(EventId = 72, Level = LogLevel.Warning, Message = "Watched folder {Folder} does not exist; it is scanned once it appears")]
    public static partial void FolderMissing(ILogger logger, string folder);

    [LoggerMessage(EventId = 111, Level = LogLevel.Warning, Message = "--watch {Folder} was given {Count} times, and serve watches it once")]
    public static partial void WatchFolderRepeated(ILogger logger, string folder, int count);

    [LoggerMessage(EventId = 92, Level = LogLevel.Warning, Message = "Watched folder {Folder} no longer exists (deleted, moved or unmounted); it is scanned again once it reappears")]
    public static partial void FolderGone(ILogger logger, string folder);

    [LoggerMessage(EventId = 93, Level = LogLevel.Information, Message = "Watched folder {Folder} exists now; scanning it")]
    public static partial void FolderAppeared(ILogger logger, string folder);

    [LoggerMessage(EventId = 73, Level = LogLevel.Error, Message = "The folder watcher failed and is restarted in {RetrySeconds} s: {Error}")]
    public static partial void WatcherFailed(ILogger logger, double retrySeconds, string error, Exception exception);

    [LoggerMessage(EventId = 74, Level = LogLevel.Error, Message = "Deleting expired events failed; retried at the next retention pass: {Error}")]
    public static partial void RetentionFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 77, Level = LogLevel.Information, Message = "Rule {RuleId} ({Name}) {Change}")]
    public static partial void RuleSwitched(ILogger logger, string ruleId, string name, string change);

    [LoggerMessage(EventId = 78, Level = LogLevel.Warning, Message = "Rule {RuleId} ({Name}) will not search [{From}, {To}]: {Reason}")]
    public static partial void RangeGivenUp(ILogger logger, string ruleId, string name, string from, string to, string reason);

    [LoggerMessage(EventId = 94, Level = LogLevel.Warning, Message = "Rule {RuleId} ({Name}) left [{From}, {To}] uncovered: {Reason} ({NextStep})")]
    public static partial void RangeUncovered(ILogger logger, string ruleId, string name, string from, string to, string reason, string nextStep);
}
