namespace Vigil.Serve;

/// <summary>Why an execution ran.</summary>
public enum ExecutionKind
{
    /// <summary>A run on the rule's <c>interval</c>, with Kibana's catch-up windows when it starts late.</summary>
    Scheduled,

    /// <summary>A search of a range the coverage ledger shows as never searched.</summary>
    Backfill,

    /// <summary>An evaluation of events stored after their time range had been searched.</summary>
    Late,

    /// <summary>A run over a range the user named, like Kibana's manual run.</summary>
    Manual,
}
