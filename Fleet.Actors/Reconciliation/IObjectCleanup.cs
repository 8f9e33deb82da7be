namespace Fleet.Actors.Reconciliation;

/// <summary>
/// A reconciler that leaves something behind (artifacts, working copies, applied objects) removes it here
/// when its object is deleted, before Fleet's finalizer lets the deletion finish. The request holds the
/// object being deleted and what the entity remembers of it.
/// </summary>
public interface IObjectCleanup
{
    Task CleanupAsync(ReconcileRequest request, CancellationToken cancellationToken);
}
