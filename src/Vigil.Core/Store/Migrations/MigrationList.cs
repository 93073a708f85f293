namespace Vigil.Store;

/// <summary>
/// The store's schema steps in order. Each owner adds its step in its own file and one line here,
/// with the next version number; a released step never changes, a new step fixes it.
/// </summary>
internal static class MigrationList
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        EventsAlertsCheckpointsSchema.Step,
        Scheduler.SchedulerSchema.Step,
        IngestedCandidateIndexes.Step,
        RawRecordSchema.Step,
    ];
}
