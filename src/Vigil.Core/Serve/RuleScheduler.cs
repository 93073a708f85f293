using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Vigil.Alert;
using Vigil.Detect.Kql;
using Vigil.Detect.Rules;
using Vigil.Store;
using Vigil.Store.Scheduler;

namespace Vigil.Serve;

/// <summary>
/// Runs registered query rules on their <c>interval</c> with Kibana's window, catch-up,
/// <c>max_signals</c> and alert-id semantics, and beyond Kibana keeps a per-rule coverage ledger
/// that backfills unsearched time and evaluates late-arriving events. All time comes from the
/// <see cref="TimeProvider"/>; the host calls <see cref="RunDue"/> when <see cref="NextDueAt"/> comes.
/// </summary>
/// <remarks>Not thread-safe: one host thread drives a scheduler.</remarks>
public sealed class RuleScheduler
{
    /// <summary>The most windows one manual run searches: 34 days of a 10s rule, or almost 3 years of a 5m rule.</summary>
    public const int MaxManualWindows = 300_000;

    private readonly Dictionary<string, LoadedRule> _loaded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _notBefore = new(StringComparer.Ordinal);
    private readonly ISchedulerStateStore _state;
    private readonly ExecutionServices _services;
    private readonly FieldMapping _mapping;

    /// <summary>
    /// Creates a scheduler over <paramref name="store"/>, whose <see cref="VigilStore.TimeProvider"/>
    /// is its clock. Register the loaded rules after creating it; their enabled flags and schedule
    /// state persist in the store across restarts.
    /// </summary>
    public RuleScheduler(VigilStore store, SchedulerOptions? options = null)
        : this(
            new SqliteSchedulerState(store ?? throw new ArgumentNullException(nameof(store))),
            new StoreEventSource(store),
            new StoreAlertWriter(store),
            store.TimeProvider,
            options ?? new SchedulerOptions())
    {
    }

    internal RuleScheduler(ISchedulerStateStore state, IScheduledEventSource events, IAlertWriter alerts, TimeProvider clock, SchedulerOptions options)
    {
        _state = state;
        _services = new ExecutionServices(events, alerts, clock, options);
        _mapping = FieldMapping.CloudTrail;
    }

    /// <summary>
    /// Adds <paramref name="rule"/> to the registry as the one registration of its <c>rule_id</c>,
    /// or updates that registration (raising its revision when its content changed), and schedules
    /// it when it is enabled. A rule the scheduler cannot run is registered with the reason in
    /// <see cref="RuleStatus.NotRunnableReason"/>.
    /// </summary>
    /// <remarks>
    /// Kibana keeps one rule per <c>rule_id</c>, and its import overwrites a rule by <c>rule_id</c>
    /// and keeps that rule's saved-object id. So a rule whose id is not registered takes the
    /// registration of its <c>rule_id</c> and runs under that id: its enabled flag, schedule, ledger
    /// and execution log go on, and its alert ids stay the same, so an event never alerts twice.
    /// Other registrations of the <c>rule_id</c>, which a store written by an older Vigil may
    /// contain, are removed with their state and ledger. Their alerts stay.
    /// </remarks>
    public RuleStatus Register(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        var rules = _state.Rules();
        var target = rules.FirstOrDefault(r => r.RuleUuid == rule.Uuid)
            ?? rules.Where(r => r.RuleId == rule.RuleId).OrderBy(r => r.RuleUuid, StringComparer.Ordinal).FirstOrDefault();
        var adopted = target is null || target.RuleUuid == rule.Uuid ? rule : rule.WithUuid(target.RuleUuid);
        var replaced = rules
            .Where(r => r.RuleId == rule.RuleId && r.RuleUuid != adopted.Uuid)
            .Select(r => r.RuleUuid)
            .ToList();

        var registered = _state.Register(adopted, ContentHash(adopted), replaced);
        foreach (var uuid in replaced)
        {
            _loaded.Remove(uuid);
            _notBefore.Remove(uuid);
        }

        return Load(adopted, registered);
    }

    /// <summary>
    /// Registers <paramref name="rule"/> again under its own saved-object id, raising its revision
    /// when its content changed, and leaves other registrations of its <c>rule_id</c> as they are.
    /// A store command calls it to reload each registered rule from its file.
    /// </summary>
    public RuleStatus Reload(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        return Load(rule, _state.Register(rule, ContentHash(rule), []));
    }

    private RuleStatus Load(DetectionRule rule, RegisteredRule registered)
    {
        ScheduledRule.TryPrepare(rule, _mapping, out var prepared, out var reason);
        _loaded[rule.Uuid] = new LoadedRule(rule, prepared, reason);
        var sharesRuleId = _state.Rules().Count(other => other.RuleId == registered.RuleId) > 1;
        return Status(registered, sharesRuleId);
    }

    /// <summary>
    /// Gives an already registered rule its definition for this scheduler without writing the
    /// registry, so reading the status of rules whose files changed raises no revision. Returns
    /// false when the rule is not registered.
    /// </summary>
    public bool Attach(DetectionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        if (!_state.Rules().Any(registered => registered.RuleUuid == rule.Uuid))
        {
            return false;
        }

        ScheduledRule.TryPrepare(rule, _mapping, out var prepared, out var reason);
        _loaded[rule.Uuid] = new LoadedRule(rule, prepared, reason);
        return true;
    }

    /// <summary>Enables the rule with this <c>rule_id</c> or saved-object id; it runs at the next <see cref="RunDue"/>. Returns false when no such rule is registered.</summary>
    public bool Enable(string rule) => SetEnabled(rule, enabled: true);

    /// <summary>Disables the rule with this <c>rule_id</c> or saved-object id. Returns false when no such rule is registered.</summary>
    public bool Disable(string rule) => SetEnabled(rule, enabled: false);

    /// <summary>The earliest time an enabled, runnable rule is due; null when none is.</summary>
    public DateTimeOffset? NextDueAt()
    {
        var now = _services.Clock.GetUtcNow();
        DateTimeOffset? next = null;
        foreach (var (rule, state) in Runnable())
        {
            var due = state.NextRunAt ?? now;
            if (_notBefore.TryGetValue(rule.Rule.Uuid, out var notBefore) && notBefore > due)
            {
                due = notBefore;
            }

            next = next is null || due < next ? due : next;
        }

        return next;
    }

    /// <summary>
    /// Returns the enabled rules whose last run started after now, because the clock moved back
    /// since, with their next run. Such a rule waits until the clock reaches its old schedule.
    /// </summary>
    /// <remarks>
    /// Kibana's task manager waits too: it claims an idle task only when <c>runAt</c> is at or
    /// before now, and sets the next <c>runAt</c> to the later of <c>startedAt</c> + interval and
    /// now (<c>server/lib/get_next_run_at.ts</c> of its <c>task_manager</c> plugin), so nothing
    /// moves a <c>runAt</c> that lies in the future.
    /// </remarks>
    public IReadOnlyList<(DetectionRule Rule, DateTimeOffset NextRunAt)> RulesLastRunAfterNow()
    {
        var now = _services.Clock.GetUtcNow();
        var waiting = new List<(DetectionRule, DateTimeOffset)>();
        foreach (var (rule, state) in Runnable())
        {
            if (state.PreviousStartedAt > now && state.NextRunAt is { } next)
            {
                waiting.Add((rule.Rule, next));
            }
        }

        return waiting;
    }

    /// <summary>
    /// Runs every enabled rule that is due now, earliest due first, and returns the log entries of
    /// those executions. An exception in one rule fails that rule's execution and never stops the others.
    /// </summary>
    public IReadOnlyList<ExecutionLogEntry> RunDue(CancellationToken cancellationToken = default)
    {
        var entries = new List<ExecutionLogEntry>();
        var due = Runnable()
            .Where(r => IsDue(r.Rule, r.State, _services.Clock.GetUtcNow()))
            .OrderBy(r => r.State.NextRunAt ?? DateTimeOffset.MinValue)
            .ToList();
        foreach (var (rule, state) in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            entries.AddRange(RunIsolated(rule, state));
        }

        return entries;
    }

    /// <summary>
    /// Runs one rule over [<paramref name="from"/>, <paramref name="to"/>] now, in interval-sized
    /// chunks, like Kibana's manual run; the rule need not be enabled. It logs one execution log
    /// entry per chunk and saves the entries with the rule's state every
    /// <see cref="SchedulerOptions.ManualRunSaveWindows"/> chunks or
    /// <see cref="SchedulerOptions.ManualRunSaveInterval"/>, each batch in one transaction.
    /// </summary>
    /// <param name="rule">The rule's <c>rule_id</c> or saved-object id.</param>
    /// <param name="from">The first instant of the range.</param>
    /// <param name="to">The last instant of the range, at or before now.</param>
    /// <param name="saved">Called with each chunk's entry once it is saved, oldest chunk first.</param>
    /// <param name="cancellationToken">Stops the run after the current chunk, once the chunks searched are saved.</param>
    /// <returns>The totals of the chunks.</returns>
    /// <exception cref="ArgumentException">The rule is not loaded, cannot run, or the range is empty, too long or ends after now.</exception>
    /// <exception cref="OperationCanceledException">The run was stopped; the chunks it searched are saved.</exception>
    /// <exception cref="SqliteException">
    /// The store rejected a write, such as after a permission was removed; every later chunk would
    /// fail the same way, so the run stops. <see cref="VigilStore.WriteRejection"/> words the error.
    /// </exception>
    public ManualRunSummary RunManual(
        string rule,
        DateTimeOffset from,
        DateTimeOffset to,
        Action<ExecutionLogEntry>? saved = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (to < from)
        {
            throw new ArgumentException($"invalid range: the end {KibanaTime.Format(to)} is before the start {KibanaTime.Format(from)}. Swap the two times.");
        }

        // A range searched is marked covered, so events stored later in a future part would never be searched.
        var now = _services.Clock.GetUtcNow();
        if (to > now)
        {
            throw new ArgumentException($"invalid range: the end {KibanaTime.Format(to)} is after now ({KibanaTime.Format(now)}), and a manual run searches past time only. Give an end at or before now.");
        }

        var loaded = FindLoaded(rule);
        var range = new TimeWindow(from, to);
        CheckManualWindows(loaded.Prepared!, range);
        return new ManualRun(loaded.Prepared!, _state, _services).Run(range, saved, cancellationToken);
    }

    /// <summary>
    /// Rejects a manual run over more than <see cref="MaxManualWindows"/> interval-sized windows, so
    /// that one run adds at most that many rows to the execution log.
    /// </summary>
    private static void CheckManualWindows(ScheduledRule rule, TimeWindow range)
    {
        var step = (long)rule.Timing.Interval.TotalMilliseconds;
        var windows = ((range.ToMs - range.FromMs) / step) + 1;
        if (windows <= MaxManualWindows)
        {
            return;
        }

        throw new ArgumentException(string.Create(
            CultureInfo.InvariantCulture,
            $"the range covers {windows:N0} windows of the rule's interval {RetentionPeriod.Format(rule.Timing.Interval)}, more than the {MaxManualWindows:N0} one run searches; split it into runs of at most {LongestRange(step)}"));
    }

    /// <summary>
    /// Returns the longest range one run accepts in whole days, hours, minutes or seconds, rounded
    /// down, with the date math that starts such a range now, so the suggestion can be pasted.
    /// </summary>
    private static string LongestRange(long stepMs)
    {
        var longest = TimeSpan.FromMilliseconds(stepMs * (MaxManualWindows - 1));
        var (count, unit, letter) = longest switch
        {
            { TotalDays: >= 1 } => ((long)longest.TotalDays, "days", 'd'),
            { TotalHours: >= 1 } => ((long)longest.TotalHours, "hours", 'h'),
            { TotalMinutes: >= 1 } => ((long)longest.TotalMinutes, "minutes", 'm'),
            _ => ((long)longest.TotalSeconds, "seconds", 's'),
        };

        return string.Create(CultureInfo.InvariantCulture, $"{count:N0} {unit} (from now-{count}{letter})");
    }

    /// <summary>
    /// Returns the definition this scheduler loaded for the registered rule with saved-object id
    /// <paramref name="ruleUuid"/>, or null when it loaded none.
    /// </summary>
    public DetectionRule? LoadedDefinition(string ruleUuid)
    {
        ArgumentNullException.ThrowIfNull(ruleUuid);

        return _loaded.GetValueOrDefault(ruleUuid)?.Rule;
    }

    /// <summary>Returns the status of every registered rule, ordered by name.</summary>
    public IReadOnlyList<RuleStatus> Status()
    {
        var rules = _state.Rules();
        var sharedRuleIds = rules
            .GroupBy(rule => rule.RuleId, StringComparer.Ordinal)
            .Where(group => group.Count() > 1)
            .Select(group => group.Key)
            .ToHashSet(StringComparer.Ordinal);

        return [.. rules.Select(rule => Status(rule, sharedRuleIds.Contains(rule.RuleId))).OrderBy(s => s.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Returns the rows of the rule registry. Unlike <see cref="Status()"/>, it reads no rule state
    /// or alert count, so <c>vigil serve</c> can compare the registry with its own at every step.
    /// </summary>
    internal IReadOnlyList<RegisteredRule> ReadRegistrations() => _state.Rules();

    /// <summary>Returns the newest <paramref name="limit"/> execution log entries, newest first, of one rule (by <c>rule_id</c> or saved-object id) or of all rules.</summary>
    public IReadOnlyList<ExecutionLogEntry> ExecutionLog(string? rule = null, int limit = 100)
    {
        var uuid = rule is null ? null : FindRegistered(rule)?.RuleUuid ?? rule;
        return _state.ReadLog(uuid, limit);
    }

    /// <summary>Runs one rule; any exception becomes a failed entry in its log so the other rules still run.</summary>
    private List<ExecutionLogEntry> RunIsolated(ScheduledRule rule, RuleState state)
    {
        var startedAt = _services.Clock.GetUtcNow();
        try
        {
            return RunScheduled(rule, state, startedAt);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            var record = new ExecutionRecord(rule, new ExecutionContext(startedAt, ExecutionKind.Scheduled), _services.Clock);
            record.Fail($"the execution failed: {error.Message}");
            var entry = record.Finish();
            SaveFailure(rule, startedAt, entry);
            return [entry];
        }
    }

    /// <summary>
    /// Logs a failed run and schedules the next one. When even that cannot be saved (the store
    /// itself fails), the rule waits one interval in memory, so a broken store is not retried in a loop.
    /// </summary>
    private void SaveFailure(ScheduledRule rule, DateTimeOffset startedAt, ExecutionLogEntry entry)
    {
        var next = startedAt + rule.Timing.Interval;
        _notBefore[rule.Rule.Uuid] = next;
        try
        {
            _state.Update(rule.Rule.Uuid, state =>
            {
                state.PreviousStartedAt = startedAt;
                state.NextRunAt = next;
                state.SetLastRun(startedAt, entry.Status);
                return state;
            }, [entry]);
        }
        catch (Exception error) when (error is SqliteException or InvalidOperationException or IOException)
        {
            // The entry still reaches the host through RunDue's result, which logs it.
        }
    }

    private List<ExecutionLogEntry> RunScheduled(ScheduledRule rule, RuleState state, DateTimeOffset startedAt)
    {
        var entries = new List<ExecutionLogEntry>();
        var changes = new RuleStateChanges(state);

        var newest = _services.Events.LastSequence();
        if (new LateEvaluation(rule, changes, _services).Run(startedAt, newest) is { } late)
        {
            entries.Add(late);
        }

        entries.Add(new ScheduledRun(rule, changes, _services).Run(startedAt));
        entries.AddRange(new LedgerBackfill(rule, changes, _services).Run(startedAt));
        Save(rule, changes, entries);
        return entries;
    }

    /// <summary>
    /// Saves a scheduled run's state with its log entries, one of which is the scheduled execution
    /// whose status the rule reports. A manual run that saved the state while this run searched
    /// keeps its windows, because the changes are then made again on the state it saved.
    /// </summary>
    private void Save(ScheduledRule rule, RuleStateChanges changes, List<ExecutionLogEntry> entries)
    {
        var startedAt = entries[^1].StartedAt;
        var status = entries.First(e => e.Kind == ExecutionKind.Scheduled).Status;
        _state.Update(rule.Rule.Uuid, current =>
        {
            var state = changes.Rebase(current);
            state.SetLastRun(startedAt, status);
            return state;
        }, entries);
    }

    private bool IsDue(ScheduledRule rule, RuleState state, DateTimeOffset now) =>
        (state.NextRunAt is null || state.NextRunAt <= now)
        && (!_notBefore.TryGetValue(rule.Rule.Uuid, out var notBefore) || notBefore <= now);

    private IEnumerable<(ScheduledRule Rule, RuleState State)> Runnable()
    {
        foreach (var registered in _state.Rules().Where(r => r.Enabled))
        {
            if (_loaded.GetValueOrDefault(registered.RuleUuid)?.Prepared is { } prepared)
            {
                yield return (prepared, _state.LoadState(registered.RuleUuid));
            }
        }
    }

    private bool SetEnabled(string rule, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(rule);

        if (FindRegistered(rule) is not { } registered)
        {
            return false;
        }

        if (enabled && !registered.Enabled)
        {
            // Kibana starts a re-enabled rule afresh: no gap against its run before it was disabled.
            _state.Update(registered.RuleUuid, state =>
            {
                state.PreviousStartedAt = null;
                state.NextRunAt = null;
                state.Restarted = true;
                return state;
            }, []);
        }

        _state.SetEnabled(registered.RuleUuid, enabled);
        return true;
    }

    private RegisteredRule? FindRegistered(string rule) =>
        _state.Rules().FirstOrDefault(r => r.RuleUuid == rule)
        ?? _state.Rules().FirstOrDefault(r => r.RuleId == rule);

    private LoadedRule FindLoaded(string rule)
    {
        var registered = FindRegistered(rule)
            ?? throw new ArgumentException($"rule \"{rule}\" is not registered; give its rule_id or saved-object id as `vigil rules status` lists them", nameof(rule));
        if (_loaded.GetValueOrDefault(registered.RuleUuid) is not { } loaded)
        {
            throw new ArgumentException($"rule {registered.RuleId} is registered but its file was not loaded. Load the rule files before running it.");
        }

        return loaded.Prepared is null
            ? throw new ArgumentException($"rule {registered.RuleId} cannot run: {loaded.NotRunnableReason}")
            : loaded;
    }

    /// <summary>
    /// Returns the status of one registration. A store written before one registration per
    /// <c>rule_id</c> may register a <c>rule_id</c> several times (<paramref name="sharesRuleId"/>),
    /// and then each counts only the alerts of its own saved-object id.
    /// </summary>
    private RuleStatus Status(RegisteredRule registered, bool sharesRuleId)
    {
        var state = _state.LoadState(registered.RuleUuid);
        var loaded = _loaded.GetValueOrDefault(registered.RuleUuid);
        var runnable = loaded?.Prepared is not null;
        return new RuleStatus
        {
            RuleUuid = registered.RuleUuid,
            RuleId = registered.RuleId,
            Name = registered.Name,
            Enabled = registered.Enabled,
            Version = registered.Version,
            Revision = registered.Revision,
            SourceFile = registered.SourceFile,
            NotRunnableReason = loaded?.NotRunnableReason,
            LastRunAt = state.LastRunAt,
            LastStatus = state.LastStatus,
            // A rule that has not run since it was registered or enabled gets no time, because only a
            // scheduler that loaded it runs it, and the store does not record which one did.
            NextRunAt = registered.Enabled && runnable ? state.NextRunAt : null,
            // Counted from the alerts themselves: a run killed after writing its alerts but before
            // saving the rule state leaves the state's running count short. A registration alone with
            // its rule_id also counts the alerts of registrations that a newer one replaced.
            AlertCount = sharesRuleId
                ? _services.Alerts.Count(registered.RuleId, registered.RuleUuid)
                : _services.Alerts.Count(registered.RuleId),
            LateEvents = state.LateEvents,
            Uncovered = UncoveredRanges.Of(state, loaded?.Prepared, _services),
        };
    }

    /// <summary>Returns the hash of the rule's content as Kibana's rule API writes it, which the registry compares to raise the revision.</summary>
    internal static string ContentHash(DetectionRule rule) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(RuleApiJson.Rule(rule).ToJsonString())));

    private sealed record LoadedRule(DetectionRule Rule, ScheduledRule? Prepared, string? NotRunnableReason);
}
