namespace Fleet.Actors.Reconciliation;

/// <summary>The work an entity runs off its thread.</summary>
public enum RunKind
{
    Reconcile,

    /// <summary>The deleted object's cleanup that ends by removing Fleet's finalizer.</summary>
    Cleanup,
}
