using Fleet.Messages;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// A reconciler that leaves something behind on the node (artifacts, working copies) removes it here
/// when its object is deleted, before Fleet's finalizer lets the deletion finish.
/// </summary>
public interface IObjectCleanup
{
    Task CleanupAsync(ObjectKey key, CancellationToken cancellationToken);
}
