using Akka.Actor;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// How sharding stops an entity it hands to another node (rebalance, graceful leave) and how an entity passivates: the
/// entity cancels its run and stops once it has ended, so the object is not reconciled or cleaned up on two nodes at once
/// (a run that ignores its cancellation longer than <see cref="EntityRuntimeSettings.HandOffWait"/> is the one exception).
/// Sent by the local shard only.
/// </summary>
public sealed class HandOffStop : INoSerializationVerificationNeeded
{
    public static readonly HandOffStop Instance = new();

    private HandOffStop()
    {
    }
}
