namespace Vigil.Generator;

/// <summary>One AWS API action as CloudTrail names it, with the top-level request parameter names it takes.</summary>
internal sealed record ApiCall(string EventSource, string EventName, IReadOnlyList<string> ParameterNames)
{
    public string Service => EventSource.Split('.')[0];

    /// <summary>True for the read-only verbs, which CloudTrail marks <c>readOnly: true</c>.</summary>
    public bool IsReadOnly =>
        EventName.StartsWith("Get", StringComparison.Ordinal)
        || EventName.StartsWith("List", StringComparison.Ordinal)
        || EventName.StartsWith("Describe", StringComparison.Ordinal)
        || EventName.StartsWith("Head", StringComparison.Ordinal)
        || EventName.StartsWith("Lookup", StringComparison.Ordinal);

    /// <summary>S3 object calls are data events; everything else here is a management event.</summary>
    public bool IsDataEvent =>
        EventSource == "s3.amazonaws.com" && EventName is "GetObject" or "PutObject" or "HeadObject" or "DeleteObject";
}
