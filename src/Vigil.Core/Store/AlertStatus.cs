namespace Vigil.Store;

/// <summary>An alert's workflow status, <c>kibana.alert.workflow_status</c>.</summary>
public enum AlertStatus
{
    /// <summary>New, not looked at yet; every alert starts here.</summary>
    Open,

    /// <summary>Someone is looking at it.</summary>
    Acknowledged,

    /// <summary>Dealt with.</summary>
    Closed,
}
