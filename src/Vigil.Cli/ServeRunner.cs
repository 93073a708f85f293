using Microsoft.Extensions.Logging;
using Vigil.Detect.Rules;
using Vigil.Detect.Rules.Validation;
using Vigil.Output;
using Vigil.Serve;
using Vigil.Store;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil serve</c>: checks the options, opens the store, registers the rules and runs the host until a signal.</summary>
internal static class ServeRunner
{
    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(100);

    // The folder watcher waits --poll with Task.Delay, which rejects a delay above
    // Timer.MaxSupportedTimeout (4,294,967,294 ms, about 49.7 days). 1193 hours is the most whole
    // hours below it.
    private static readonly TimeSpan MaxPoll = TimeSpan.FromHours(1193);

    private const string MaxPollText = "1193h";

    public static int Run(ServeArguments arguments)
    {
        if (arguments.WatchFolders.FirstOrDefault(folder => File.Exists(folder) && InputPaths.Exists(folder)) is { } file)
        {
            return UsageError($"--watch {file} is a file, but --watch takes a folder. Watch the folder that contains it, or store the file once with 'vigil ingest {file}'.");
        }

        if (!RetentionPeriod.TryParse(arguments.Retention, out var retention, out var retentionError))
        {
            return UsageError($"--retention: {retentionError}");
        }

        if (!DurationArgument.TryParse(arguments.Poll, MaxPoll, MaxPollText, out var poll, out var pollError))
        {
            return UsageError($"--poll: {pollError}");
        }

        // Each scan lists every watched file, so a shorter interval only spends a core.
        if (poll < MinPoll)
        {
            return UsageError($"--poll: {arguments.Poll} is shorter than the minimum of 100ms; give 100ms or more, such as the default 5s.");
        }

        if (StoreOption.DataDirectory(arguments.DataDirectory, out var dataError) is not { } dataDirectory)
        {
            return UsageError(dataError);
        }

        using var loggerFactory = CliLogging.CreateFactory();
        var logger = loggerFactory.CreateLogger("vigil.serve");

        // Registered first, so a SIGTERM during startup also ends with a clean stop.
        using var signals = new ShutdownSignals(logger);
        var revisionsSkipped = 0;
        var rules = RuleCatalog.Load(
            arguments.RulePaths,
            error => LogRuleLoadError(logger, error),
            revision =>
            {
                revisionsSkipped++;
                ServeLog.RuleRevisionSkipped(logger, TerminalText.Sanitize(SupersededRevision.Location(revision.Rule)), TerminalText.Sanitize(revision.Reason));
            },
            out var usageError);
        if (rules is null)
        {
            // The error points to the load warnings above it, so they are written out first.
            CliLogging.Flush(loggerFactory);
            return UsageError(usageError);
        }

        VigilStore store;
        try
        {
            store = VigilStore.Open(dataDirectory);
        }
        catch (StoreException exception)
        {
            return UsageError($"--data: {exception.Message}");
        }

        using (store)
        {
            var storeFileReplaced = Serve(store, arguments, new ServeSettings(retention, poll), rules, revisionsSkipped, logger, signals.Token);
            return storeFileReplaced ? ExitCodes.StoreFileReplaced : ExitCodes.Success;
        }
    }

    /// <summary>Runs the host until a signal, and returns whether it stopped because vigil.db was deleted or replaced.</summary>
    private static bool Serve(VigilStore store, ServeArguments arguments, ServeSettings settings, IReadOnlyList<DetectionRule> rules, int revisionsSkipped, ILogger logger, CancellationToken stop)
    {
        var scheduler = new RuleScheduler(store, new SchedulerOptions { Retention = settings.Retention });
        foreach (var rule in rules)
        {
            Register(scheduler, rule, logger);
        }

        var folders = arguments.WatchFolders.Select(Path.GetFullPath).ToList();
        var dataDirectory = TerminalText.Sanitize(store.DataDirectory);
        var watched = folders.Count == 0 ? "no folders" : TerminalText.Sanitize(string.Join(", ", folders));
        ServeLog.Started(
            logger,
            dataDirectory,
            watched,
            rules.Count,
            revisionsSkipped,
            arguments.Retention,
            arguments.Poll);

        using var host = new ServeHost(store, scheduler, folders, settings, logger);
        host.RunAsync(stop).GetAwaiter().GetResult();
        ServeLog.Stopped(logger);
        return host.StoreFileReplaced;
    }

    /// <summary>Logs a rule folder that could not be listed apart from a rule that did not load, as a hunt does.</summary>
    private static void LogRuleLoadError(ILogger logger, RuleLoadError error)
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

    private static void Register(RuleScheduler scheduler, DetectionRule rule, ILogger logger)
    {
        if (RuleCatalog.IdTakenError(scheduler, rule) is { } taken)
        {
            ServeLog.RuleNotLoaded(logger, TerminalText.Sanitize(taken));
            return;
        }

        // Serve runs the files its --rules name, so it replaces a newer registered revision, with a warning.
        if (RegisteredRevisionConflict.Find(scheduler, rule, RuleCatalog.ReadRegistered) is { } conflict)
        {
            ServeLog.RegisteredRevisionReplaced(logger, TerminalText.Sanitize(RegisteredRevisionText.Replaced(conflict)));
        }

        var status = scheduler.Register(rule);
        var ruleId = TerminalText.Sanitize(status.RuleId);
        var name = TerminalText.Sanitize(status.Name);
        if (status.NotRunnableReason is { } reason)
        {
            ServeLog.RuleNotRunnable(logger, ruleId, name, TerminalText.Sanitize(reason));
            return;
        }

        var enabled = status.Enabled ? "enabled" : "disabled (enable it with 'vigil rules enable')";
        var interval = TerminalText.Sanitize(rule.Interval);
        var from = TerminalText.Sanitize(rule.From);
        var revision = TerminalText.Sanitize(RuleRevisionOrder.Describe(rule));
        ServeLog.RuleRegistered(logger, ruleId, name, revision, enabled, interval, from);
        if (RuleExceptionLists.Warning(rule) is { } warning)
        {
            ServeLog.RuleWarning(logger, ruleId, name, TerminalText.Sanitize(warning));
        }
    }

    private static int UsageError(string message) => Cli.UsageError.Write("serve", message);
}
