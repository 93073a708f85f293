namespace Vigil.Serve;

/// <summary>
/// A run's changes to one rule's state. The run makes each change at once on the state it loaded,
/// which it reads to decide what to search. It also keeps the change, so that the save can make it
/// again on a state that another process saved after that load.
/// </summary>
/// <remarks>
/// A change may run twice, once as the run goes and once in the save's transaction, so it may read
/// the store but must change nothing outside the state it is given.
/// </remarks>
internal sealed class RuleStateChanges(RuleState loaded)
{
    private readonly RuleState _loaded = loaded.Copy();
    private readonly List<Action<RuleState>> _changes = [];

    /// <summary>The state the run loaded, with every change made so far.</summary>
    public RuleState State { get; } = loaded;

    /// <summary>Makes <paramref name="change"/> on <see cref="State"/> and keeps it for <see cref="Rebase"/>.</summary>
    public void Apply(Action<RuleState> change)
    {
        change(State);
        _changes.Add(change);
    }

    /// <summary>
    /// Returns the state to save in place of <paramref name="current"/>, the state the store contains
    /// inside the save's transaction. That is <see cref="State"/> while the store still contains the
    /// state the run loaded, and otherwise <paramref name="current"/> with every change made again.
    /// </summary>
    public RuleState Rebase(RuleState current)
    {
        if (current.HasSameContent(_loaded))
        {
            return State;
        }

        foreach (var change in _changes)
        {
            change(current);
        }

        return current;
    }
}
