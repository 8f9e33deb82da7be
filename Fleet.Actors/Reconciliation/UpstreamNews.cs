namespace Fleet.Actors.Reconciliation;

/// <summary>What an upstream object's new revision means to its consumer.</summary>
public enum UpstreamNews
{
    /// <summary>Nothing to do now: the last run used that revision, or the run under way decides when it reports.</summary>
    None,

    /// <summary>The consumer has not used that revision: reconcile.</summary>
    Reconcile,

    /// <summary>The consumer no longer follows that object: tell it to stop.</summary>
    Unsubscribe,
}
