using Microsoft.Extensions.Logging;
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
        if (RuleCatalog.MissingPathError(arguments.RulePaths) is { } missing)
        {
            return UsageError(missing);
        }

        var rules = new ServeRuleSet([.. arguments.RulePaths.Select(Path.GetFullPath)], logger);
        if (rules.Load() == 0)
        {
            // The error points to the load warnings above it, so they are written out first.
            CliLogging.Flush(loggerFactory);
            return UsageError(RuleCatalog.NoRulesError(arguments.RulePaths, rules.HadLoadErrors));
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
            ServeLock serveLock;
            try
            {
                serveLock = ServeLock.Acquire(store.DataDirectory, store.TimeProvider.GetUtcNow());
            }
            catch (StoreException exception)
            {
                return UsageError($"--data: {exception.Message}");
            }

            using (serveLock)
            {
                var storeFileReplaced = Serve(store, arguments, new ServeSettings(retention, poll), rules, logger, signals.Token);
                return storeFileReplaced ? ExitCodes.StoreFileReplaced : ExitCodes.Success;
            }
        }
    }

    /// <summary>Runs the host until a signal, and returns whether it stopped because vigil.db was deleted or replaced.</summary>
    private static bool Serve(VigilStore store, ServeArguments arguments, ServeSettings settings, ServeRuleSet rules, ILogger logger, CancellationToken stop)
    {
        var scheduler = new RuleScheduler(store, new SchedulerOptions { Retention = settings.Retention });
        rules.Register(scheduler);
        var (running, notRunning) = rules.Count(scheduler);

        var (folders, repeated) = WatchFolders.Distinct(arguments.WatchFolders);
        foreach (var (folder, count) in repeated)
        {
            ServeLog.WatchFolderRepeated(logger, TerminalText.Sanitize(folder), count);
        }

        var dataDirectory = TerminalText.Sanitize(store.DataDirectory);
        var watched = folders.Count == 0 ? "no folders" : TerminalText.Sanitize(string.Join(", ", folders));
        ServeLog.Started(
            logger,
            dataDirectory,
            watched,
            running,
            notRunning,
            rules.RevisionsSkipped,
            rules.CopiesSkipped,
            arguments.Retention,
            arguments.Poll);

        using var host = new ServeHost(store, scheduler, rules, folders, settings, logger);
        host.RunAsync(stop).GetAwaiter().GetResult();
        ServeLog.Stopped(logger);
        return host.StoreFileReplaced;
    }

    private static int UsageError(string message) => Cli.UsageError.Write("serve", message);
}
