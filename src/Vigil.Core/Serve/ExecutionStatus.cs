namespace Vigil.Serve;

/// <summary>The outcome of a rule execution, in Kibana's words.</summary>
public static class ExecutionStatus
{
    /// <summary>Every window was searched and every new alert written.</summary>
    public const string Succeeded = "succeeded";

    /// <summary>The execution finished with warnings, such as reaching <c>max_signals</c>.</summary>
    public const string PartialFailure = "partial failure";

    /// <summary>The execution raised an error or left a gap that it did not search.</summary>
    public const string Failed = "failed";

    /// <summary>Returns the worse of two statuses: failed, then partial failure, then succeeded.</summary>
    internal static string Worse(string first, string second) =>
        first == Failed || second == Failed ? Failed
        : first == PartialFailure || second == PartialFailure ? PartialFailure
        : second;
}
