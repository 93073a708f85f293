namespace Vigil.Read;

/// <summary>What one item read from a CloudTrail file turned out to be.</summary>
public enum ReadOutcome
{
    /// <summary>A CloudTrail record (a JSON object).</summary>
    Record,

    /// <summary>Input that could not be read as a record; <see cref="ReadItem.Reason"/> gives the cause.</summary>
    Error,

    /// <summary>Input that is not an event on purpose (digest file, empty file, non-JSON object).</summary>
    Skipped,
}
