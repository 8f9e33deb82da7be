using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Fleet.Node.Hosting;

/// <summary>
/// Logs once that this node is up, with the size of the cluster it joined. It counts Up members from the cluster's
/// own events: the cluster's read view, read from a member-up callback, can still be behind and say 0.
/// </summary>
public sealed class MemberUpAnnouncer : ReceiveActor
{
    private readonly HashSet<Address> _up = [];

    public MemberUpAnnouncer(string roles)
    {
        var cluster = Cluster.Get(Context.System);
        Receive<ClusterEvent.MemberUp>(up =>
        {
            _up.Add(up.Member.Address);
            if (up.Member.Address == cluster.SelfAddress)
            {
                Context.GetLogger().Info("Fleet node {0} is up (roles: {1}; cluster of {2})", cluster.SelfAddress, roles, _up.Count);
            }
        });
    }

    public static Props Props(string roles) => Akka.Actor.Props.Create(() => new MemberUpAnnouncer(roles));

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberUp));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}
