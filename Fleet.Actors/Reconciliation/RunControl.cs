namespace Fleet.Actors.Reconciliation;

/// <summary>
/// An entity's single flight: at most one run at a time, reconcile or cleanup. A reconcile asked for while one runs is
/// coalesced into one more; a cleanup cancels a running reconcile and starts once it has ended; once the entity is
/// stopping nothing new starts. Used on the actor's thread only.
/// </summary>
public sealed class RunControl
{
    private CancellationTokenSource? _cancellation;
    private long _lastId;

    /// <summary>The run under way, if any.</summary>
    public EntityRun? Running { get; private set; }

    /// <summary>A reconcile was asked for while a run was under way.</summary>
    public bool ReconcilePending { get; private set; }

    /// <summary>A cleanup waits for the reconcile it cancelled to end.</summary>
    public bool CleanupPending { get; private set; }

    /// <summary>The entity is handing off or stopping: running work is cancelled and nothing new starts.</summary>
    public bool Stopping { get; private set; }

    /// <summary>A reconcile to start now, or null: it waits for the run under way, or the entity is cleaning up or stopping.</summary>
    public EntityRun? TryStartReconcile()
    {
        if (Stopping || Running?.Kind == RunKind.Cleanup || CleanupPending)
        {
            return null;
        }
        if (Running is not null)
        {
            ReconcilePending = true;
            return null;
        }
        return Begin(RunKind.Reconcile);
    }

    /// <summary>A cleanup to start now, or null: a running reconcile is cancelled and the cleanup waits for it to end.</summary>
    public EntityRun? TryStartCleanup()
    {
        if (Stopping || CleanupPending || Running?.Kind == RunKind.Cleanup)
        {
            return null;
        }
        if (Running is not null)
        {
            CleanupPending = true;
            _cancellation?.Cancel();
            return null;
        }
        return Begin(RunKind.Cleanup);
    }

    /// <summary>Marks the run <paramref name="id"/> ended; false when it is not the run under way (a late report).</summary>
    public bool End(long id)
    {
        if (Running?.Id != id)
        {
            return false;
        }
        _cancellation?.Dispose();
        _cancellation = null;
        Running = null;
        return true;
    }

    /// <summary>
    /// After a run ended, the run that waited for it: a cleanup first, then a coalesced reconcile if the object
    /// <paramref name="mayReconcile"/> (else it is forgotten); null when none did or the entity is stopping.
    /// </summary>
    public EntityRun? StartWaiting(bool mayReconcile)
    {
        if (Stopping || Running is not null)
        {
            return null;
        }
        if (CleanupPending)
        {
            return Begin(RunKind.Cleanup);
        }
        if (!ReconcilePending || !mayReconcile)
        {
            ReconcilePending = false;
            return null;
        }
        return Begin(RunKind.Reconcile);
    }

    /// <summary>Cancels a reconcile under way and forgets a coalesced one (the object is going or gone); a cleanup goes on.</summary>
    public void CancelReconcile()
    {
        ReconcilePending = false;
        if (Running?.Kind == RunKind.Reconcile)
        {
            _cancellation?.Cancel();
        }
    }

    /// <summary>Cancels everything for good; true when nothing runs, so the entity may stop at once.</summary>
    public bool Stop()
    {
        Stopping = true;
        ReconcilePending = false;
        CleanupPending = false;
        _cancellation?.Cancel();
        return Running is null;
    }

    private EntityRun Begin(RunKind kind)
    {
        ReconcilePending = false;
        if (kind == RunKind.Cleanup)
        {
            CleanupPending = false;
        }
        _cancellation = new CancellationTokenSource();
        Running = new EntityRun(++_lastId, kind, _cancellation);
        return Running;
    }
}
