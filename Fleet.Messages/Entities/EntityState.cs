using System.Collections.Immutable;
using Fleet.Messages.Api.Meta;

namespace Fleet.Messages.Entities;

/// <summary>
/// Everything an entity knows about its object, rebuilt from its journal (and snapshots) when it
/// starts on any node. Transitions live in Fleet.Actors (EntityStateTransitions).
/// </summary>
public sealed record EntityState : IFleetMessage
{
    public static readonly EntityState Empty = new();

    /// <summary>The last observed object as JSON, or null before the first observation.</summary>
    public string? ObjectJson { get; init; }

    public string? Uid { get; init; }

    public long Generation { get; init; }

    public string? RequestedAt { get; init; }

    public bool Removed { get; init; }

    /// <summary>The generation whose reconcile reached Ready or Stalled (Flux's observedGeneration), -1 before.</summary>
    public long ObservedGeneration { get; init; } = -1;

    /// <summary>Objects told of every new revision of this one (its consumers), kept across incarnations of the object.</summary>
    public ImmutableList<ObjectKey> Subscribers { get; init; } = [];

    public string? LastHandledReconcileAt { get; init; }

    public ImmutableList<Condition> Conditions { get; init; } = [];

    /// <summary>The status fields the kind owns (`artifact`, ...) as a JSON object, from the last run that reported them.</summary>
    public string? KindStatusJson { get; init; }

    public ReconcileOutcome? LastOutcome { get; init; }

    public string? LastRevision { get; init; }

    public int ConsecutiveFailures { get; init; }

    public long ReconcileCount { get; init; }

    public DateTime? LastReconcileAt { get; init; }

    /// <summary>Alerts accepted for delivery and not delivered yet.</summary>
    public ImmutableList<PendingAlert> PendingAlerts { get; init; } = [];
}
