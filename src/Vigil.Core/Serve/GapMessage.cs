using System.Globalization;

namespace Vigil.Serve;

/// <summary>
/// The error of a scheduled run whose catch-up windows did not reach back to the previous run. Its
/// first sentence is Kibana's gap error, so that a search for it finds this one, and the rest states
/// what Vigil does about the time left and what the user can do.
/// </summary>
internal static class GapMessage
{
    /// <summary>Returns the error of a run that left time no window reached.</summary>
    /// <param name="remainingGap">The length of that time.</param>
    /// <param name="gapRange">That time, from the previous run's start on, as Kibana records its gap.</param>
    /// <param name="ruleId">The rule's <c>rule_id</c>, for the <c>vigil rules run</c> command that searches the time.</param>
    /// <param name="backfill">Whether the scheduler's backfill searches the time after the run.</param>
    public static string Format(TimeSpan remainingGap, TimeWindow gapRange, string ruleId, bool backfill)
    {
        var kibana = string.Create(
            CultureInfo.InvariantCulture,
            $"{Humanize.Duration(remainingGap)} ({(long)remainingGap.TotalMilliseconds}ms) were not queried between this rule execution and the last execution, so signals may have been missed.");
        var cause = $" This run started late (vigil serve was stopped or busy), and its catch-up windows reach back at most {CatchUpPlan.MaxCatchUpWindows} intervals.";
        var remedy = backfill
            ? " The backfill searches that time after this run, and 'vigil rules status' lists the part it has not searched yet."
            : $" Search that time with 'vigil rules run {ruleId} --from {Alert.KibanaTime.Format(gapRange.From)} --to {Alert.KibanaTime.Format(gapRange.To)}'.";
        return kibana + cause + remedy + " A longer look-back (from) covers a longer delay within the run.";
    }
}
