namespace Vigil.Store;

/// <summary>Converts <see cref="AlertStatus"/> to and from Kibana's workflow status words.</summary>
public static class AlertStatusText
{
    /// <summary>Returns Kibana's word for <paramref name="status"/>: <c>open</c>, <c>acknowledged</c> or <c>closed</c>.</summary>
    public static string Format(AlertStatus status) => status switch
    {
        AlertStatus.Open => "open",
        AlertStatus.Acknowledged => "acknowledged",
        AlertStatus.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown alert status"),
    };

    /// <summary>Parses <c>open</c>, <c>acknowledged</c> or <c>closed</c> (exact, lower case).</summary>
    public static bool TryParse(string? text, out AlertStatus status)
    {
        (var known, status) = text switch
        {
            "open" => (true, AlertStatus.Open),
            "acknowledged" => (true, AlertStatus.Acknowledged),
            "closed" => (true, AlertStatus.Closed),
            _ => (false, AlertStatus.Open),
        };
        return known;
    }
}
