using Microsoft.Data.Sqlite;
using Vigil.Output;

namespace Vigil.Cli;

/// <summary>Carries out <c>vigil rules enable</c> and <c>vigil rules disable</c>.</summary>
internal static class RulesEnableRunner
{
    public static int Run(string? data, string rule, bool replace, bool enable)
    {
        var command = enable ? "rules enable" : "rules disable";
        using var session = SchedulerSession.TryOpen(data, command);
        if (session is null)
        {
            return ExitCodes.Usage;
        }

        try
        {
            return Switch(session, command, rule, replace, enable);
        }
        catch (SqliteException exception) when (session.Store.WriteRejection(exception) is { } problem)
        {
            return StoreCommandErrors.StoreNotWritable(command, problem);
        }
    }

    /// <summary>Registers the rule when it is a file, and enables or disables it.</summary>
    private static int Switch(SchedulerSession session, string command, string rule, bool replace, bool enable)
    {
        if (RuleCatalog.Find(session.Scheduler, rule, replace, out var error) is not { } status)
        {
            return StoreCommandErrors.Lookup(command, error!);
        }

        var changed = enable ? session.Scheduler.Enable(status.RuleUuid) : session.Scheduler.Disable(status.RuleUuid);
        if (!changed)
        {
            return StoreCommandErrors.NotFound(command, $"rule {status.RuleId} is not registered");
        }

        var state = (enable, status.NotRunnableReason) switch
        {
            (false, _) => "disabled",
            (true, { } reason) => $"enabled, but it cannot run: {reason}. A running 'vigil serve' skips it",
            // A serve re-reads its --rules files at each step, so it runs the revision this command registered.
            (true, null) when File.Exists(rule) => "enabled; a running 'vigil serve' whose --rules include this file runs this revision from its next step",
            (true, null) => "enabled; a running 'vigil serve' that loaded it runs it from its next step",
        };
        Console.Out.WriteLine(TerminalText.Sanitize($"Rule {status.RuleId} ({status.Name}) {state}."));
        return ExitCodes.Success;
    }
}
