using Fleet.Actors.Kube;
using Fleet.Actors.Notification;
using Fleet.Messages;

namespace Fleet.Actors.Reconciliation;

/// <summary>Tunables of the entity runtime shared by every kind.</summary>
public sealed record EntityRuntimeSettings
{
    public ReconcileSchedule Schedule { get; init; } = ReconcileSchedule.Default;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Where entities write their status and finalizers; null when the node has no API server (unit tests).</summary>
    public IObjectApi? ObjectApi { get; init; }

    /// <summary>Delivers a message to another object's entity wherever it lives (the shard regions); null without sharding.</summary>
    public Action<IWithObjectKey>? Router { get; init; }

    /// <summary>The node's alerting: every recorded event is offered to it, and accepted ones persist until delivered; null without alerting.</summary>
    public IAlertDispatch? Alerts { get; init; }

    /// <summary>A snapshot after this many persisted events; older events and snapshots are then deleted.</summary>
    public int SnapshotEvery { get; init; } = 50;

    /// <summary>How many reconciles of one kind may run at once on the node.</summary>
    public ReconcileSlots Slots { get; init; } = new();

    /// <summary>The floor of a reconcile's time limit when the object's timeout or interval is shorter.</summary>
    public TimeSpan MinimumTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a handed-off or passivated entity waits for its cancelled run to end before it stops anyway; below
    /// sharding's own limit (<c>handoff-timeout</c> less 5 s), after which the shard stops it.
    /// </summary>
    public TimeSpan HandOffWait { get; init; } = TimeSpan.FromSeconds(20);
}
