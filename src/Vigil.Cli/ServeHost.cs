using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Vigil.Output;
using Vigil.Serve;
using Vigil.Store;

namespace Vigil.Cli;

/// <summary>
/// Runs the folder watcher and the scheduler loop side by side until cancelled. Each commits its
/// own transactions, so a stop between two of them loses nothing. A kill rolls back only the
/// transaction in flight, and the next start repeats it.
/// </summary>
internal sealed class ServeHost(VigilStore store, RuleScheduler scheduler, ServeRuleSet rules, IReadOnlyList<string> folders, ServeSettings settings, ILogger logger) : IDisposable
{
    private DateTimeOffset _nextRetentionPass = DateTimeOffset.MinValue;
    private readonly RuleChangeLog _changes = new(logger);
    private readonly ClockMovedBackLog _clockMovedBack = new(logger);

    // Cancelled when vigil.db was deleted or replaced, which stops both loops.
    private readonly CancellationTokenSource _storeFileLost = new();
    private int _storeFileReplaced;

    /// <summary>Whether the host stopped because the store's database file was deleted or replaced.</summary>
    public bool StoreFileReplaced => Volatile.Read(ref _storeFileReplaced) == 1;

    public async Task RunAsync(CancellationToken stop)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stop, _storeFileLost.Token);
        var cancellationToken = both.Token;
        var watching = folders.Count == 0 ? Task.CompletedTask : Task.Run(() => WatchAsync(cancellationToken), CancellationToken.None);
        await ScheduleAsync(cancellationToken).ConfigureAwait(false);
        await watching.ConfigureAwait(false);
    }

    public void Dispose() => _storeFileLost.Dispose();

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var folderLog = new WatchedFolderLog(logger);
        folderLog.ReportStart(folders);

        var problems = new IngestProblemLog(logger);
        var notCloudTrail = new WatchedNotCloudTrailFiles(logger);
        var ingest = new IngestOptions
        {
            ProblemFound = problems.Log,
            ItemSkipped = notCloudTrail.Add,
            FileLeft = problems.LogFileLeft,
            FolderNotListed = problems.LogFolderNotListed,
        };
        var options = new FolderWatcherOptions
        {
            PollInterval = settings.Poll,
            Ingest = ingest,
            FileIngested = new IngestedFileLog(logger).Log,
            FolderChecked = folderLog.Check,
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var watcher = new FolderWatcher(store, folders, options);
                await watcher.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreFileReplacedException error)
            {
                StopForReplacedStore(error);
                return;
            }
            catch (Exception error) when (IsRecoverable(error, cancellationToken))
            {
                var message = TerminalText.Sanitize(error.Message);
                ServeLog.WatcherFailed(logger, ServeSettings.RetryDelay.TotalSeconds, message, error);
                await Sleep(ServeSettings.RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ScheduleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = RunStep(cancellationToken);
            await Sleep(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Registers the rule files changed since the previous step, deletes expired events when a
    /// retention pass is due, runs the due rules, and returns how long to sleep.
    /// </summary>
    private TimeSpan RunStep(CancellationToken cancellationToken)
    {
        try
        {
            store.CheckDatabaseFile();
            rules.Refresh(scheduler);
            if (!_changes.Started)
            {
                _changes.Report(scheduler.Status());
            }

            ApplyRetention();
            ExecutionLogRuns.Log(logger, scheduler.RunDue(cancellationToken));

            _changes.Report(scheduler.Status(), uuid => scheduler.LoadedDefinition(uuid)?.From);
            _clockMovedBack.Report(scheduler, store.TimeProvider.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return TimeSpan.Zero;
        }
        catch (StoreFileReplacedException error)
        {
            StopForReplacedStore(error);
            return TimeSpan.Zero;
        }
        catch (Exception error) when (IsRecoverable(error, cancellationToken))
        {
            var message = TerminalText.Sanitize(error.Message);
            ServeLog.SchedulerFailed(logger, ServeSettings.RetryDelay.TotalSeconds, message, error);
            return ServeSettings.RetryDelay;
        }

        return UntilNextDue();
    }

    private TimeSpan UntilNextDue()
    {
        if (scheduler.NextDueAt() is not { } next)
        {
            return settings.Poll;
        }

        var wait = next - store.TimeProvider.GetUtcNow();
        if (wait < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return wait > settings.Poll ? settings.Poll : wait;
    }

    private void ApplyRetention()
    {
        var now = store.TimeProvider.GetUtcNow();
        if (now < _nextRetentionPass)
        {
            return;
        }

        _nextRetentionPass = now + ServeSettings.RetentionPass;
        try
        {
            var deleted = store.DeleteExpiredEvents(settings.Retention);
            if (deleted > 0)
            {
                var retention = RetentionPeriod.Format(settings.Retention);
                ServeLog.EventsExpired(logger, deleted, retention);
            }
        }
        catch (SqliteException error)
        {
            ServeLog.RetentionFailed(logger, TerminalText.Sanitize(error.Message));
        }
    }

    /// <summary>
    /// Whether a loop logs the error and tries again. A service keeps running through any fault of
    /// one step, such as a locked database or a bug in one code path. Only a stop request and
    /// running out of memory end it.
    /// </summary>
    private static bool IsRecoverable(Exception error, CancellationToken cancellationToken) =>
        error is not OutOfMemoryException && !(error is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>Logs the error once, though both loops may find it, and stops both loops.</summary>
    private void StopForReplacedStore(StoreFileReplacedException error)
    {
        if (Interlocked.Exchange(ref _storeFileReplaced, 1) == 0)
        {
            var message = TerminalText.Sanitize(error.Message);
            ServeLog.StoreFileReplaced(logger, message);
        }

        _storeFileLost.Cancel();
    }

    private async Task Sleep(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, store.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the loop condition ends the loop.
        }
    }
}
