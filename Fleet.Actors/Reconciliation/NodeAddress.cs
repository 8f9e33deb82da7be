using Akka.Actor;

namespace Fleet.Actors.Reconciliation;

/// <summary>The address this node is known by in the cluster, or the local address without clustering.</summary>
internal static class NodeAddress
{
    public static string Of(ActorSystem system) =>
        ((ExtendedActorSystem)system).Provider.DefaultAddress.ToString();
}
