using Microsoft.Data.Sqlite;
using Vigil.Detect.Rules.Validation;
using Vigil.Output;
using Vigil.Serve;
using Vigil.Store;

namespace Vigil.Cli;

/// <summary>An existing store with its scheduler, and the registered rules loaded again from their files.</summary>
internal sealed class SchedulerSession : IDisposable
{
    private SchedulerSession(VigilStore store, bool register)
    {
        Store = store;
        Scheduler = new RuleScheduler(store);
        RuleCatalog.LoadRegistered(Scheduler, ReportRuleError, register);
    }

    public VigilStore Store { get; }

    public RuleScheduler Scheduler { get; }

    /// <summary>Opens the store of <paramref name="data"/>, or prints why not and returns null.</summary>
    /// <param name="data">The data directory given with <c>--data</c>, or null to read it from the environment.</param>
    /// <param name="command">The command's name, for its error messages.</param>
    /// <param name="register">
    /// Whether to register the rules again from their files, which raises the revision of a changed
    /// one. A command that only reads the rules' status passes false.
    /// </param>
    public static SchedulerSession? TryOpen(string? data, string command, bool register = true)
    {
        // A command that registers nothing only reads, so it also works on a store it cannot write.
        var store = StoreOption.TryOpenExisting(data, out var error, readOnly: !register);
        if (store is null)
        {
            StoreCommandErrors.Usage(command, error);
            return null;
        }

        try
        {
            return new SchedulerSession(store, register);
        }
        catch (SqliteException exception) when (store.WriteRejection(exception) is { } problem)
        {
            // Registering the rules again writes the store, which a permission removed since the
            // check at open can reject.
            store.Dispose();
            StoreCommandErrors.StoreNotWritable(command, problem);
            return null;
        }
    }

    /// <summary>Prints a rule file problem on stderr. The command goes on with the rules that loaded.</summary>
    public static void ReportRuleError(string error) =>
        Console.Error.WriteLine(TerminalText.Sanitize($"warning: rule not loaded: {error}"));

    /// <summary>Writes the warning for an older revision of a rule that is skipped for the newest one.</summary>
    public static void ReportRevisionSkipped(SupersededRevision revision) =>
        Console.Error.WriteLine(TerminalText.Sanitize($"warning: rule revision skipped: {SupersededRevision.Location(revision.Rule)}: {revision.Reason}"));

    public void Dispose() => Store.Dispose();
}
