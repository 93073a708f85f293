namespace Vigil.Cli;

/// <summary>The parsed timing options of <c>vigil serve</c>.</summary>
/// <param name="Retention">How long stored events are kept.</param>
/// <param name="Poll">Time between two folder scans, and the longest the scheduler sleeps.</param>
internal sealed record ServeSettings(TimeSpan Retention, TimeSpan Poll)
{
    /// <summary>How often expired events are deleted.</summary>
    public static readonly TimeSpan RetentionPass = TimeSpan.FromHours(1);

    /// <summary>How long a failed scheduler or watcher step waits before it is tried again.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
}
