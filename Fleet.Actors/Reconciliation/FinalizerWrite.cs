namespace Fleet.Actors.Reconciliation;

/// <summary>The write an observation of its object asks of the entity for Fleet's finalizer.</summary>
public enum FinalizerWrite
{
    None,

    /// <summary>Add the finalizer before the first reconcile, so a deletion waits for the entity to clean up.</summary>
    Add,

    /// <summary>The object is being deleted: clean up, then remove the finalizer so the deletion finishes.</summary>
    CleanUpAndRemove,
}
