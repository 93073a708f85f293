using Vigil.Serve;

namespace Vigil.Store.Scheduler;

/// <summary>The names of <see cref="UncoveredKind"/> values in the <c>rule_uncovered.kind</c> column.</summary>
internal static class UncoveredKindNames
{
    public const string MaxSignals = "max_signals";
    public const string Disabled = "disabled";
    public const string SearchFailed = "search_failed";
    public const string Expired = "expired";

    public static string Name(UncoveredKind kind) => kind switch
    {
        UncoveredKind.MaxSignals => MaxSignals,
        UncoveredKind.Disabled => Disabled,
        UncoveredKind.SearchFailed => SearchFailed,
        UncoveredKind.Expired => Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only stored kinds have a name; a ledger hole is listed, never stored"),
    };

    public static UncoveredKind Parse(string name) => name switch
    {
        MaxSignals => UncoveredKind.MaxSignals,
        Disabled => UncoveredKind.Disabled,
        SearchFailed => UncoveredKind.SearchFailed,
        Expired => UncoveredKind.Expired,
        _ => throw new InvalidDataException(
            $"rule_uncovered.kind \"{name}\" is not one of {MaxSignals}, {Disabled}, {SearchFailed}, {Expired}; the row was changed outside Vigil, so delete it or restore the store from a backup"),
    };
}
