using System.Diagnostics.Metrics;

namespace Vigil.Store;

/// <summary>Counters of the store and its ingest, under the meter <c>Vigil.Store</c>.</summary>
internal static class StoreMetrics
{
    private static readonly Meter Meter = new("Vigil.Store");

    public static readonly Counter<long> EventsStored = Meter.CreateCounter<long>("vigil.store.events_stored", "{event}", "Events written to the store.");

    public static readonly Counter<long> DuplicatesSkipped = Meter.CreateCounter<long>("vigil.store.duplicates", "{record}", "Records not stored because the store held the same eventID and content.");

    public static readonly Counter<long> EventsExpired = Meter.CreateCounter<long>("vigil.store.events_expired", "{event}", "Events deleted by retention.");

    public static readonly Counter<long> AlertsCreated = Meter.CreateCounter<long>("vigil.store.alerts_created", "{alert}", "Alerts inserted that did not exist yet.");
}
