namespace Vigil.Store;

/// <summary>Which alerts to list; every property left <c>null</c> matches all.</summary>
public sealed record AlertFilter
{
    /// <summary>Only alerts of this rule (<c>rule_id</c>).</summary>
    public string? RuleId { get; init; }

    /// <summary>Only alerts of this severity (<c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>).</summary>
    public string? Severity { get; init; }

    /// <summary>Only alerts with this workflow status.</summary>
    public AlertStatus? Status { get; init; }

    /// <summary>Only alerts created at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>At most this many alerts, oldest first; <c>null</c> for all.</summary>
    public int? Limit { get; init; }
}
