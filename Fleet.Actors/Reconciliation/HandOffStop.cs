using Akka.Actor;

namespace Fleet.Actors.Reconciliation;

/// <summary>
/// How sharding stops an entity it hands to another node (rebalance, graceful leave) and how an entity passivates: the
/// entity cancels its run and stops once it has ended, so the object is never reconciled or cleaned up on two nodes at once.
/// Sent by the local shard only.
/// </summary>
public sealed class HandOffStop : INoSerializationVerificationNeeded
{
    public static readonly HandOffStop Instance = new();

    private HandOffStop()
    {
    }
}
