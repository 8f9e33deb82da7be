using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Fleet.Actors.Sharding;
using Fleet.Messages;
using Fleet.Messages.Entities;

namespace Fleet.Node.Admin;

/// <summary>Shard statistics and entity location through the node's shard regions (Akka's GetShardRegionState and GetClusterShardingStats).</summary>
public sealed class ShardAdmin(ActorSystem system, ShardRegions regions)
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(5);

    public async Task<ShardsView> StatsAsync()
    {
        var local = new List<ShardView>();
        var cluster = new List<RegionStatsView>();
        foreach (var (kind, region) in regions.ByKind.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, AskTimeout);
            local.AddRange(state.Shards.OrderBy(s => s.ShardId, StringComparer.Ordinal)
                .Select(s => new ShardView(kind, s.ShardId, [.. s.EntityIds.Order(StringComparer.Ordinal)])));
            var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(AskTimeout), AskTimeout + AskTimeout);
            cluster.AddRange(stats.Regions.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal)
                .Select(r => new RegionStatsView(kind, r.Key.ToString(), r.Value.Stats.Count, r.Value.Stats.Values.Sum())));
        }
        return new ShardsView(Cluster.Get(system).SelfAddress.ToString(), local, cluster);
    }

    /// <summary>Asks the object's entity where it runs; this starts the entity if it was not running.</summary>
    public async Task<LocationView> WhereAsync(ObjectKey key)
    {
        var reply = await regions.Ask<EntityQueries.EntityStateReply>(new EntityQueries.GetEntityState(key), AskTimeout);
        return new LocationView(key.Kind, key.Namespace, key.Name, reply.NodeAddress, reply.Reconciling);
    }

    public void Reconcile(ObjectKey key) => regions.Tell(new EntityCommands.RequestReconcile(key, null));
}
