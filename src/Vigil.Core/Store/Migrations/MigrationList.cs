namespace Vigil.Store;

/// <summary>
/// The store's schema steps in order. Each owner adds its step in its own file and one line here,
/// with the next version number. A released step never changes, so a later step fixes it.
/// </summary>
internal static class MigrationList
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        EventsAlertsCheckpointsSchema.Step,
        Scheduler.SchedulerSchema.Step,
        IngestedCandidateIndexes.Step,
        RawRecordSchema.Step,
        TimeOrderedEventIndexes.Step,
        UncoveredRangeKinds.Step,
        RetentionCutoffSchema.Step,
        UncoveredIngestBound.Step,
        CheckpointNotCloudTrail.Step,
    ];
}
