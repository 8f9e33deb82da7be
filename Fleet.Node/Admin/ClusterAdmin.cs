using Akka.Actor;
using Akka.Cluster;

namespace Fleet.Node.Admin;

/// <summary>The cluster as one node sees it, and the membership actions the admin API offers.</summary>
public sealed class ClusterAdmin(ActorSystem system)
{
    private Cluster Cluster => Cluster.Get(system);

    public ClusterView State()
    {
        var state = Cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var self = Cluster.SelfAddress;
        return new ClusterView(
            self.ToString(),
            state.Leader?.ToString(),
            [.. state.Members.Union(state.Unreachable).OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).Select(m => new MemberView(
                m.Address.ToString(),
                [.. m.Roles.Order(StringComparer.Ordinal)],
                m.Status.ToString(),
                !unreachable.Contains(m.Address),
                m.Address == state.Leader,
                m.Address == self))]);
    }

    /// <summary>The member an operator named by its full address or by <c>host:port</c>; null when none matches.</summary>
    public Member? Find(string address)
    {
        var state = Cluster.State;
        return state.Members.Union(state.Unreachable).FirstOrDefault(m =>
            m.Address.ToString() == address || $"{m.Address.Host}:{m.Address.Port}" == address);
    }

    public void Leave(Member member) => Cluster.Leave(member.Address);

    /// <summary>Downs a member; a reachable one only with <paramref name="force"/>, since downing a live node that still runs its entities risks two of each.</summary>
    /// <returns>Why it was refused, or null when it was downed.</returns>
    public string? Down(Member member, bool force)
    {
        if (!force && !Cluster.State.Unreachable.Contains(member))
        {
            return $"{member.Address} is reachable and running; down only unreachable nodes, make it leave, or pass force";
        }
        Cluster.Down(member.Address);
        return null;
    }
}
